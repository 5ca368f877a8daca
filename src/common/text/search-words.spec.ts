import { MAX_PREFIX_CHARS, prefixKeys, queryKeys, searchWords } from './search-words';

describe('searchWords', () => {
  it('folds case, compatibility forms and diacritics, and splits on non-letters', () => {
    expect(searchWords('Zoë  DE-LA-Crúz')).toEqual(['zoe', 'de', 'la', 'cruz']);
    expect(searchWords('ＡＢＣ①')).toEqual(['abc1']);
    expect(searchWords('Ünal\u0000Öz')).toEqual(['unal', 'oz']);
  });

  it('keeps non-Latin letters and drops punctuation and emoji', () => {
    expect(searchWords('Алёна 🎉 李小龍!')).toEqual(['алена', '李小龍']);
  });

  it('returns nothing for a text without letters or digits', () => {
    expect(searchWords('.* ()')).toEqual([]);
  });
});

describe('prefixKeys', () => {
  it('holds every prefix of every word once', () => {
    expect(prefixKeys('Ana Anabel').sort()).toEqual(['a', 'an', 'ana', 'anab', 'anabe', 'anabel'].sort());
  });

  it('cuts long words at MAX_PREFIX_CHARS characters, counting code points', () => {
    const keys = prefixKeys('𝒜'.repeat(MAX_PREFIX_CHARS + 5));
    expect(keys).toHaveLength(MAX_PREFIX_CHARS);
    expect(Math.max(...keys.map((key) => [...key].length))).toBe(MAX_PREFIX_CHARS);
  });
});

describe('queryKeys', () => {
  it('are the distinct words, cut like the stored prefixes so long words still match', () => {
    const long = 'x'.repeat(MAX_PREFIX_CHARS + 3);
    expect(queryKeys(`Mr MR ${long}`)).toEqual(['mr', 'x'.repeat(MAX_PREFIX_CHARS)]);
    expect(prefixKeys(long)).toContain(queryKeys(long)[0]);
  });
});
