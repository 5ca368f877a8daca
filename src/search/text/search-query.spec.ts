import { toErrorBody } from '../../common/errors/error-response';
import { SearchErrorCode } from '../search.errors';
import { parseSearchQuery, SearchQueryOptions } from './search-query';

const options: SearchQueryOptions = { maxChars: 256, maxTerms: 16 };
const parse = (q: string, extra: Partial<SearchQueryOptions> = {}) =>
  parseSearchQuery(q, { ...options, ...extra });

function errorOf(run: () => unknown): { statusCode: number; code: string; message: string } {
  try {
    run();
  } catch (error) {
    return toErrorBody(error, 'r1').body;
  }
  throw new Error('did not throw');
}

describe('parseSearchQuery', () => {
  it('makes every word a whole-word clause, normalised, AND-combined', () => {
    expect(parse('  Hello   WORLD Zoë ')).toEqual({
      clauses: [
        { kind: 'word', word: 'hello' },
        { kind: 'word', word: 'world' },
        { kind: 'word', word: 'zoe' },
      ],
      requiredTokens: ['w:hello', 'w:world', 'w:zoe'],
    });
  });

  it('reads a trailing * as a prefix, looked up by its first 5 code points', () => {
    expect(parse('hel* Wonderf*')).toEqual({
      clauses: [
        { kind: 'prefix', prefix: 'hel' },
        { kind: 'prefix', prefix: 'wonderf' },
      ],
      requiredTokens: ['p:hel', 'p:wonde'],
    });
  });

  it('makes every word of 3+ characters a prefix with the prefix option, shorter ones whole words', () => {
    expect(parse('hello to "big cats"', { prefix: true }).clauses).toEqual([
      { kind: 'prefix', prefix: 'hello' },
      { kind: 'word', word: 'to' },
      { kind: 'phrase', words: ['big', 'cats'] },
    ]);
  });

  it('reads quoted text as a phrase, and typographic quotes as quotes', () => {
    expect(parse('"Big  Cat" “red fox” "solo"')).toEqual({
      clauses: [
        { kind: 'phrase', words: ['big', 'cat'] },
        { kind: 'phrase', words: ['red', 'fox'] },
        { kind: 'word', word: 'solo' },
      ],
      requiredTokens: ['w:big', 'w:cat', 'w:red', 'w:fox', 'w:solo'],
    });
  });

  it('ignores an unpaired quote and a * inside quotes', () => {
    expect(parse('"open quote').clauses).toEqual([
      { kind: 'word', word: 'open' },
      { kind: 'word', word: 'quote' },
    ]);
    expect(parse('"abc* def"').clauses).toEqual([{ kind: 'phrase', words: ['abc', 'def'] }]);
  });

  it('splits a word on punctuation into a phrase, as the tokenizer does', () => {
    expect(parse('e-mail').clauses).toEqual([{ kind: 'phrase', words: ['e', 'mail'] }]);
    expect(parse('e-mai*').clauses).toEqual([
      { kind: 'word', word: 'e' },
      { kind: 'prefix', prefix: 'mai' },
    ]);
  });

  it('reads a CJK run as a phrase of its characters, needing their pairs', () => {
    expect(parse('東京都')).toEqual({
      clauses: [{ kind: 'phrase', words: ['東', '京', '都'] }],
      requiredTokens: ['b:東京', 'b:京都'],
    });
    expect(parse('東')).toEqual({ clauses: [{ kind: 'word', word: '東' }], requiredTokens: ['w:東'] });
    expect(parse('東京*').clauses).toEqual([{ kind: 'phrase', words: ['東', '京'] }]);
    expect(parse('"東京 tower"').requiredTokens).toEqual(['b:東京', 'w:tower']);
  });

  it('finds Korean by whole words and emoji as words', () => {
    expect(parse('세계 👍🏽 ❤️').requiredTokens).toEqual(['w:세계', 'w:👍🏽', 'w:❤']);
  });

  it('counts repeated terms once', () => {
    expect(parse('cat Cat CAT cat*').clauses).toEqual([
      { kind: 'word', word: 'cat' },
      { kind: 'prefix', prefix: 'cat' },
    ]);
  });

  it('refuses a query with nothing to search for', () => {
    for (const q of ['', '   ', '!!! -- ?', '*', '"  "', '"']) {
      expect({ q, error: errorOf(() => parse(q)) }).toEqual({
        q,
        error: expect.objectContaining({ statusCode: 400, code: SearchErrorCode.InvalidQuery }),
      });
    }
  });

  it('refuses a prefix shorter than 3 characters', () => {
    for (const q of ['ab*', 'a*', 'hello xy*']) {
      expect(errorOf(() => parse(q))).toEqual(
        expect.objectContaining({
          statusCode: 400,
          code: SearchErrorCode.InvalidQuery,
          message: expect.stringMatching(/at least 3 characters/),
        }),
      );
    }
  });

  it('refuses a query longer than maxChars code points, counted before trimming', () => {
    expect(parse('a'.repeat(10), { maxChars: 10 }).clauses).toHaveLength(1);
    expect(parse('👍'.repeat(10), { maxChars: 10 }).clauses).toHaveLength(1); // 20 UTF-16 units
    for (const q of ['a'.repeat(11), `${'a'.repeat(9)}  `]) {
      expect(errorOf(() => parse(q, { maxChars: 10 }))).toEqual(
        expect.objectContaining({ statusCode: 400, code: SearchErrorCode.QueryTooLong }),
      );
    }
  });

  it('refuses more than maxTerms terms (a phrase is one term)', () => {
    expect(parse('a b c "d e f g"', { maxTerms: 4 }).clauses).toHaveLength(4);
    expect(errorOf(() => parse('a b c d e', { maxTerms: 4 }))).toEqual(
      expect.objectContaining({ statusCode: 400, code: SearchErrorCode.TooManyTerms }),
    );
  });
});
