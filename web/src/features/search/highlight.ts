import { tokenizeContent } from '../../chat/mentions';

/** A highlight as the server sends it: [start, end) in UTF-16 code units of the original text. */
export type Range = readonly [number, number];

/** A piece of a hit's text: plain text or a mention (shown as `@Name`), marked when the search matched it. */
export type Piece =
  { kind: 'text'; text: string; marked: boolean } | { kind: 'mention'; userId: string; marked: boolean };

/**
 * The ranges as usable spans: clamped to the text, empty or malformed ones dropped, sorted, overlapping and
 * touching ones merged (the server may send one range per clause, and clauses can overlap).
 */
export function normalizeRanges(ranges: readonly Range[], length: number): Array<[number, number]> {
  const spans = ranges
    .filter(([start, end]) => Number.isInteger(start) && Number.isInteger(end))
    .map(([start, end]): [number, number] => [Math.max(0, start), Math.min(length, end)])
    .filter(([start, end]) => start < end)
    .sort((a, b) => a[0] - b[0]);
  const merged: Array<[number, number]> = [];
  for (const span of spans) {
    const last = merged.at(-1);
    if (last && span[0] <= last[1]) {
      last[1] = Math.max(last[1], span[1]);
    } else {
      merged.push([...span]);
    }
  }
  return merged;
}

/** `text` cut at the range boundaries into marked and unmarked pieces (adjacent pieces never share a state). */
export function markText(text: string, ranges: readonly Range[]): Array<{ text: string; marked: boolean }> {
  const pieces: Array<{ text: string; marked: boolean }> = [];
  let at = 0;
  for (const [start, end] of normalizeRanges(ranges, text.length)) {
    if (start > at) {
      pieces.push({ text: text.slice(at, start), marked: false });
    }
    pieces.push({ text: text.slice(start, end), marked: true });
    at = end;
  }
  if (at < text.length) {
    pieces.push({ text: text.slice(at), marked: false });
  }
  return pieces;
}

/**
 * A message's content as pieces to render: `@<userId>` mentions kept whole (marked when a range touches
 * them), text split by the ranges. The ranges index the stored content, mentions included.
 */
export function highlightContent(content: string, ranges: readonly Range[]): Piece[] {
  const spans = normalizeRanges(ranges, content.length);
  const pieces: Piece[] = [];
  let offset = 0;
  for (const token of tokenizeContent(content)) {
    if (token.kind === 'mention') {
      // `@` + 24 hex digits, as tokenizeContent matched it.
      const end = offset + 25;
      const marked = spans.some(([start, stop]) => start < end && stop > offset);
      pieces.push({ kind: 'mention', userId: token.userId, marked });
      offset = end;
      continue;
    }
    const end = offset + token.text.length;
    const local = spans
      .filter(([start, stop]) => start < end && stop > offset)
      .map(([start, stop]): Range => [start - offset, stop - offset]);
    for (const piece of markText(token.text, local)) {
      pieces.push({ kind: 'text', ...piece });
    }
    offset = end;
  }
  return pieces;
}

/**
 * A long message cut to about `max` characters around its first match, so the match is visible in a list:
 * some context before it, "…" where text was left out. Cuts never split a surrogate pair or a mention.
 */
export function excerpt(pieces: readonly Piece[], max: number, context = 40): Piece[] {
  const lengths = pieces.map((piece) => (piece.kind === 'text' ? piece.text.length : 25));
  const total = lengths.reduce((sum, length) => sum + length, 0);
  if (total <= max) {
    return [...pieces];
  }
  const marked = pieces.findIndex((piece) => piece.marked);
  const firstMark = lengths.slice(0, Math.max(0, marked)).reduce((sum, length) => sum + length, 0);
  const from = Math.max(0, Math.min(firstMark - context, total - max));
  const to = from + max;
  const out: Piece[] = [];
  let at = 0;
  pieces.forEach((piece, index) => {
    const start = at;
    const end = at + lengths[index];
    at = end;
    if (end <= from || start >= to) {
      return;
    }
    if (piece.kind === 'mention') {
      out.push(piece);
      return;
    }
    const text = piece.text.slice(safeCut(piece.text, from - start), safeCut(piece.text, to - start));
    if (text) {
      out.push({ ...piece, text });
    }
  });
  if (from > 0) {
    out.unshift({ kind: 'text', text: '…', marked: false });
  }
  if (to < total) {
    out.push({ kind: 'text', text: '…', marked: false });
  }
  return out;
}

/** `index` clamped into `text`, moved off the middle of a surrogate pair. */
function safeCut(text: string, index: number): number {
  const at = Math.max(0, Math.min(text.length, index));
  const code = text.charCodeAt(at);
  return at > 0 && at < text.length && code >= 0xdc00 && code <= 0xdfff ? at - 1 : at;
}
