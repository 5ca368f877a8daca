import { SearchError, SearchErrorCode } from '../search.errors';
import { isSpacelessChar, PREFIX_MAX, PREFIX_MIN, TextUnit, textUnits } from './search-text';

export type QueryClause =
  | { kind: 'word'; word: string } // whole word (also a single CJK char or emoji)
  | { kind: 'prefix'; prefix: string } // 3+ code points
  | { kind: 'phrase'; words: string[] }; // quoted, or a CJK run of 2+ chars (in order, adjacent)

export interface ParsedQuery {
  clauses: QueryClause[];
  /** The tokens every match must have (w:, p: cut to 5 chars, b:), deduplicated. */
  requiredTokens: string[];
}

export interface SearchQueryOptions {
  maxChars: number;
  maxTerms: number;
  /** Every word of PREFIX_MIN+ code points outside quotes is a prefix, as if it ended in `*`. */
  prefix?: boolean;
}

// Typographic and full-width double quotes quote as `"` does (phones type them).
const QUOTES = /[\u201c\u201d\u201e\u201f\u2033\uff02]/g;
const TERMS = /"([^"]*)"|[^\s"]+/g;

/**
 * Parses a search box's text. Syntax: words separated by spaces; "quoted phrase"; word* is a prefix (3+
 * characters); punctuation inside a word splits it as the tokenizer does ("e-mail" is the phrase e, mail);
 * an unpaired quote is ignored. Throws SearchError (InvalidQuery, QueryTooLong, TooManyTerms) for bad input.
 */
export function parseSearchQuery(q: string, options: SearchQueryOptions): ParsedQuery {
  if ([...q].length > options.maxChars) {
    throw new SearchError(
      SearchErrorCode.QueryTooLong,
      `The query is longer than ${options.maxChars} characters`,
    );
  }
  const clauses = new Map<string, QueryClause>();
  for (const [term, quoted] of q.replace(QUOTES, '"').matchAll(TERMS)) {
    const found = quoted === undefined ? termClauses(term, options.prefix ?? false) : phraseClauses(quoted);
    found.forEach((clause) => clauses.set(JSON.stringify(clause), clause));
  }
  if (clauses.size === 0) {
    throw new SearchError(SearchErrorCode.InvalidQuery);
  }
  if (clauses.size > options.maxTerms) {
    throw new SearchError(
      SearchErrorCode.TooManyTerms,
      `The query has more than ${options.maxTerms} terms (words, prefixes or phrases)`,
    );
  }
  const parsed = [...clauses.values()];
  return { clauses: parsed, requiredTokens: [...new Set(parsed.flatMap(clauseTokens))] };
}

/** One unquoted term: a word, a prefix, or the phrase its punctuation or a CJK run makes of it. */
function termClauses(term: string, prefixOption: boolean): QueryClause[] {
  const starred = /\*+$/.test(term);
  const units = textUnits(term.replace(/\*+$/, ''));
  const last = units[units.length - 1];
  if (starred && last?.kind === 'word') {
    if ([...last.text].length < PREFIX_MIN) {
      throw new SearchError(
        SearchErrorCode.InvalidQuery,
        `A prefix search needs at least ${PREFIX_MIN} characters before the *`,
      );
    }
    return [...phraseClauses(units.slice(0, -1)), { kind: 'prefix', prefix: last.text }];
  }
  // A `*` after a CJK run or an emoji adds nothing: a run is found inside longer ones anyway.
  if (units.length === 1 && last.kind === 'word' && prefixOption && [...last.text].length >= PREFIX_MIN) {
    return [{ kind: 'prefix', prefix: last.text }];
  }
  return phraseClauses(units);
}

/** The clause for words that must appear in order: none, a single word, or a phrase. */
function phraseClauses(source: string | TextUnit[]): QueryClause[] {
  const words = (typeof source === 'string' ? textUnits(source) : source).map((unit) => unit.text);
  if (words.length === 0) {
    return [];
  }
  return words.length === 1 ? [{ kind: 'word', word: words[0] }] : [{ kind: 'phrase', words }];
}

/**
 * The index tokens a clause needs. In a phrase, two adjacent spaceless-script characters need their pair
 * (`b:`, which is indexed only within one run, as matchText checks); other words their `w:` token.
 */
function clauseTokens(clause: QueryClause): string[] {
  switch (clause.kind) {
    case 'word':
      return [`w:${clause.word}`];
    case 'prefix':
      return [`p:${[...clause.prefix].slice(0, PREFIX_MAX).join('')}`];
    case 'phrase':
      return clause.words.flatMap((word, index, words) => {
        const next = words[index + 1];
        const previous = words[index - 1];
        if (isSpacelessChar(word) && next !== undefined && isSpacelessChar(next)) {
          return [`b:${word}${next}`];
        }
        const paired = isSpacelessChar(word) && previous !== undefined && isSpacelessChar(previous);
        return paired ? [] : [`w:${word}`];
      });
  }
}
