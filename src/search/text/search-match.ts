import type { QueryClause } from './search-query';
import { isSpacelessChar, TextUnit, textUnits } from './search-text';

/** [start, end) UTF-16 indexes into the ORIGINAL text. */
export type TextRange = [number, number];

export interface TextMatch {
  ranges: TextRange[];
}

export interface MessageMatch {
  content: TextRange[];
  /** Only the attachments whose name matched something, by their index in the message. */
  attachments: Array<{ index: number; ranges: TextRange[] }>;
}

/**
 * Whether `text` satisfies every clause (words whole, prefixes at a word start, phrases adjacent in order),
 * with the ranges of what matched (every occurrence, merged); null when some clause is not satisfied.
 * Positions are in the original text, whatever normalisation did to lengths.
 */
export function matchText(text: string, clauses: readonly QueryClause[]): TextMatch | null {
  const units = textUnits(text);
  const ranges: TextRange[] = [];
  for (const clause of clauses) {
    const found = occurrences(units, clause);
    if (found.length === 0) {
      return null;
    }
    ranges.push(...found);
  }
  return { ranges: merged(ranges) };
}

/**
 * Across content and attachment names: a message matches when every clause is satisfied by at least one of
 * them. Ranges are those of every clause in every field where it occurs.
 */
export function matchMessage(
  content: string | null,
  names: readonly string[],
  clauses: readonly QueryClause[],
): MessageMatch | null {
  const fields = [content ?? '', ...names].map(textUnits);
  const ranges: TextRange[][] = fields.map(() => []);
  for (const clause of clauses) {
    let satisfied = false;
    fields.forEach((units, field) => {
      const found = occurrences(units, clause);
      satisfied ||= found.length > 0;
      ranges[field].push(...found);
    });
    if (!satisfied) {
      return null;
    }
  }
  return {
    content: merged(ranges[0]),
    attachments: names
      .map((_, index) => ({ index, ranges: merged(ranges[index + 1]) }))
      .filter((attachment) => attachment.ranges.length > 0),
  };
}

function occurrences(units: readonly TextUnit[], clause: QueryClause): TextRange[] {
  switch (clause.kind) {
    case 'word':
      return units.filter((unit) => unit.text === clause.word).map((unit) => [unit.start, unit.end]);
    case 'prefix':
      // The whole word is highlighted: what it was found by is its beginning.
      return units
        .filter((unit) => unit.kind === 'word' && unit.text.startsWith(clause.prefix))
        .map((unit) => [unit.start, unit.end]);
    case 'phrase':
      return phraseOccurrences(units, clause.words);
  }
}

/**
 * Where the phrase's words are consecutive units, in order. Two spaceless-script characters in a row must be
 * in one run of the text (as their `b:` token, which the query requires, is indexed only there).
 */
function phraseOccurrences(units: readonly TextUnit[], words: readonly string[]): TextRange[] {
  const found: TextRange[] = [];
  for (let first = 0; first + words.length <= units.length; first++) {
    const matches = words.every((word, k) => {
      const unit = units[first + k];
      const pairedWithPrevious = k > 0 && isSpacelessChar(words[k - 1]) && isSpacelessChar(word);
      return unit.text === word && (!pairedWithPrevious || unit.joined);
    });
    if (matches) {
      found.push([units[first].start, units[first + words.length - 1].end]);
    }
  }
  return found;
}

/** Sorted, with overlapping or touching ranges joined. */
function merged(ranges: readonly TextRange[]): TextRange[] {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const result: TextRange[] = [];
  for (const [start, end] of sorted) {
    const last = result[result.length - 1];
    if (last && start <= last[1]) {
      last[1] = Math.max(last[1], end);
    } else {
      result.push([start, end]);
    }
  }
  return result;
}
