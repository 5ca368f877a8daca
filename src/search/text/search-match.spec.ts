import { matchMessage, matchText } from './search-match';
import { parseSearchQuery } from './search-query';

const clauses = (q: string, prefix = false) =>
  parseSearchQuery(q, { maxChars: 256, maxTerms: 16, prefix }).clauses;
/** The highlighted pieces of the original text. */
const marked = (text: string, q: string, prefix = false) =>
  matchText(text, clauses(q, prefix))?.ranges.map(([start, end]) => text.slice(start, end)) ?? null;

describe('matchText', () => {
  it('matches whole words only, every occurrence, with every term required', () => {
    expect(marked('Cats and a cat; CAT!', 'cat')).toEqual(['cat', 'CAT']);
    expect(marked('concatenate', 'cat')).toBeNull();
    expect(marked('hello there', 'hello world')).toBeNull();
    expect(marked('world, hello', 'hello world')).toEqual(['world', 'hello']);
  });

  it('matches a prefix at the start of a word, highlighting the word', () => {
    expect(marked('Helsinki and shell', 'hel*')).toEqual(['Helsinki']);
    expect(marked('wonderful', 'wonderf*')).toEqual(['wonderful']);
    expect(marked('wonder', 'wonderf*')).toBeNull(); // same p:wonde token, refused on confirmation
    expect(marked('Helsinki', 'helsinki', true)).toEqual(['Helsinki']);
  });

  it('matches phrases adjacent and in order, across punctuation', () => {
    expect(marked('the big cat sat', '"big cat"')).toEqual(['big cat']);
    expect(marked('big, fat cat', '"big cat"')).toBeNull();
    expect(marked('cat big', '"big cat"')).toBeNull();
    expect(marked('send an E-Mail now', 'e-mail')).toEqual(['E-Mail']);
    expect(marked('send an e mail', 'e-mail')).toEqual(['e mail']);
  });

  it('maps ranges back into the original text when normalisation changes lengths', () => {
    expect(marked('a ﬁle here', 'file')).toEqual(['ﬁle']);
    expect(marked('le cafe\u0301 noir', 'café')).toEqual(['cafe\u0301']);
    expect(marked('Ｆｕｌｌ width', 'full')).toEqual(['Ｆｕｌｌ']);
    expect(marked('Die Straße hier', 'strasse')).toEqual(['Straße']);
    expect(marked('ﬁle Zoë', 'fil* zoe')).toEqual(['ﬁle', 'Zoë']);
    const text = '👍🏽 ﬁle';
    expect(matchText(text, clauses('file'))).toEqual({ ranges: [[5, 8]] }); // after a 4-unit emoji and a space
  });

  it('finds a Chinese word inside a longer run, but not across a break', () => {
    expect(marked('我住在東京都。', '東京')).toEqual(['東京']);
    expect(marked('我住在東京都。', '京都')).toEqual(['京都']);
    expect(marked('我住在東京都。', '東京都')).toEqual(['東京都']);
    expect(marked('東，京', '東京')).toBeNull();
    expect(marked('京東', '東京')).toBeNull();
    expect(marked('明日、東京タワーに行きます', 'タワー')).toEqual(['タワー']);
  });

  it('matches Korean words and emoji whole', () => {
    expect(marked('안녕하세요 세계', '세계')).toEqual(['세계']);
    expect(marked('세계화', '세계')).toBeNull();
    expect(marked('great 👍🏽 and ❤️', '❤ 👍🏽')).toEqual(['👍🏽', '❤️']);
    expect(marked('great 👍🏽', '👍')).toBeNull(); // a skin tone is another emoji
  });

  it('joins overlapping ranges', () => {
    expect(marked('big cat', '"big cat" cat')).toEqual(['big cat']);
  });
});

describe('matchMessage', () => {
  it('needs every clause in the content or some attachment name, with ranges per field', () => {
    expect(
      matchMessage('the report is attached', ['Q3 report.pdf', 'photo.jpg'], clauses('report q3')),
    ).toEqual({
      content: [[4, 10]],
      attachments: [
        {
          index: 0,
          ranges: [
            [0, 2],
            [3, 9],
          ],
        },
      ],
    });
    expect(matchMessage(null, ['photo.jpg'], clauses('photo'))).toEqual({
      content: [],
      attachments: [{ index: 0, ranges: [[0, 5]] }],
    });
    expect(matchMessage('the report', ['photo.jpg'], clauses('report budget'))).toBeNull();
  });
});
