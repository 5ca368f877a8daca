import { normalizeSearchText, textTokens, textUnits } from './search-text';

const words = (text: string) => textUnits(text).map((unit) => unit.text);

describe('normalizeSearchText', () => {
  it('folds compatibility forms, case and diacritics', () => {
    expect(normalizeSearchText('Zoë')).toBe('zoe');
    expect(normalizeSearchText('ﬁle')).toBe('file');
    expect(normalizeSearchText('Ｆｕｌｌ　Ｗｉｄｔｈ１２')).toBe('full width12');
    expect(normalizeSearchText('CAFE\u0301 Crème BRÛLÉE')).toBe('cafe creme brulee');
    expect(normalizeSearchText('İstanbul')).toBe('istanbul');
  });

  it('folds what lower case misses: ß is ss, a final sigma is σ', () => {
    expect(normalizeSearchText('Straße')).toBe(normalizeSearchText('STRASSE'));
    expect(normalizeSearchText('ẞ')).toBe('ss');
    expect(normalizeSearchText('ΟΔΟΣ')).toBe(normalizeSearchText('οδος'));
  });

  it('keeps the marks that are part of a letter in other scripts', () => {
    expect(normalizeSearchText('が')).toBe('が'); // the voicing mark makes another kana
    expect(normalizeSearchText('नमस्ते')).toBe('नमस्ते');
    expect(normalizeSearchText('ｶﾞｷﾞ')).toBe('ガギ'); // half-width kana become full-width
  });
});

describe('textUnits', () => {
  it('splits words on anything that is not a letter or a digit', () => {
    expect(words("Hello, world! It's e-mail #42 x_y")).toEqual([
      'hello',
      'world',
      'it',
      's',
      'e',
      'mail',
      '42',
      'x',
      'y',
    ]);
  });

  it('maps every unit back to its place in the original text, whatever normalisation did to lengths', () => {
    const text = 'the ﬁle, cafe\u0301 and Straße';
    const units = textUnits(text);
    expect(units.map((unit) => [unit.text, text.slice(unit.start, unit.end)])).toEqual([
      ['the', 'the'],
      ['file', 'ﬁle'],
      ['cafe', 'cafe\u0301'],
      ['and', 'and'],
      ['strasse', 'Straße'],
    ]);
  });

  it('makes each character of Chinese and Japanese a unit, joined within a run', () => {
    const units = textUnits('我住在東京都, ok');
    expect(units.map((unit) => [unit.kind, unit.text, unit.joined])).toEqual([
      ['cjk', '我', false],
      ['cjk', '住', true],
      ['cjk', '在', true],
      ['cjk', '東', true],
      ['cjk', '京', true],
      ['cjk', '都', true],
      ['word', 'ok', false],
    ]);
  });

  it('keeps Korean words whole, split by spaces', () => {
    expect(textUnits('안녕하세요 세계').map((unit) => [unit.kind, unit.text])).toEqual([
      ['word', '안녕하세요'],
      ['word', '세계'],
    ]);
  });

  it('keeps emoji whole with skin tones and ZWJ sequences, without variation selectors', () => {
    const text = 'ok👍🏽 👨‍👩‍👧!❤️🇫🇷';
    expect(textUnits(text).map((unit) => [unit.kind, unit.text, text.slice(unit.start, unit.end)])).toEqual([
      ['word', 'ok', 'ok'],
      ['emoji', '👍🏽', '👍🏽'],
      ['emoji', '👨‍👩‍👧', '👨‍👩‍👧'],
      ['emoji', '❤', '❤️'],
      ['emoji', '🇫🇷', '🇫🇷'],
    ]);
  });

  it('finds nothing in punctuation and spaces', () => {
    expect(textUnits(' -- !!? ... ')).toEqual([]);
    expect(textUnits('')).toEqual([]);
  });
});

describe('textTokens', () => {
  it('gives each word and its prefixes of 3 to 5 code points', () => {
    expect(textTokens('Hello hi cat mouse')).toEqual([
      'w:hello',
      'p:hel',
      'p:hell',
      'p:hello',
      'w:hi',
      'w:cat',
      'p:cat',
      'w:mouse',
      'p:mou',
      'p:mous',
      'p:mouse',
    ]);
  });

  it('cuts prefixes by code point, not UTF-16 unit', () => {
    // Deseret letters: outside the BMP, two UTF-16 units each.
    expect(textTokens('𐐷𐐸𐐹𐐺𐐻𐐼')).toEqual(['w:𐐷𐐸𐐹𐐺𐐻𐐼', 'p:𐐷𐐸𐐹', 'p:𐐷𐐸𐐹𐐺', 'p:𐐷𐐸𐐹𐐺𐐻']);
    expect(textTokens('안녕하세요')).toEqual(['w:안녕하세요', 'p:안녕하', 'p:안녕하세', 'p:안녕하세요']);
  });

  it('gives characters and adjacent pairs for a Chinese run', () => {
    expect(textTokens('東京都')).toEqual(['w:東', 'w:京', 'b:東京', 'w:都', 'b:京都']);
  });

  it('indexes a Japanese sentence mixing kanji and kana as one run, a Latin word apart', () => {
    const tokens = textTokens('明日、東京タワーに行きますか? OK');
    for (const token of [
      'w:明',
      'b:明日',
      'b:東京',
      'b:京タ',
      'b:タワ',
      'b:ワー',
      'b:ーに',
      'b:行き',
      'w:ok',
    ]) {
      expect(tokens).toContain(token);
    }
    expect(tokens).not.toContain('b:日東'); // "、" ends the run
    expect(tokens).not.toContain('w:東京');
  });

  it('gives emoji as words and nothing for spaces and punctuation', () => {
    expect(textTokens('👍🏽 🎉!')).toEqual(['w:👍🏽', 'w:🎉']);
    expect(textTokens('?! ...')).toEqual([]);
  });

  it('is deduplicated and equal for text that differs only in case, accents or width', () => {
    expect(textTokens('Zoë ZOE zoe')).toEqual(['w:zoe', 'p:zoe']);
    expect(textTokens('Ｃａｆé')).toEqual(textTokens('cafe'));
  });
});
