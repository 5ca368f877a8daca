/** Prefix tokens (`p:`) are indexed for these lengths (code points) of every word at least PREFIX_MIN long. */
export const PREFIX_MIN = 3;
export const PREFIX_MAX = 5;

/**
 * Accents and other diacritics of Latin, Greek and Cyrillic letters (the Combining Diacritical Marks blocks),
 * removed so "Zoë" is found by "zoe". Marks of other scripts stay: they are part of the letter (Devanagari
 * vowel signs, the kana voicing mark), and emoji variation selectors are handled apart.
 */
const DIACRITIC_BLOCKS: ReadonlyArray<[number, number]> = [
  [0x0300, 0x036f],
  [0x1ab0, 0x1aff],
  [0x1dc0, 0x1dff],
  [0xfe20, 0xfe2f],
];
const isDiacritic = (mark: string) =>
  DIACRITIC_BLOCKS.some(([first, last]) => mark.charCodeAt(0) >= first && mark.charCodeAt(0) <= last);
const VARIATION_SELECTORS = /[\ufe0e\ufe0f]/g;
// Keycaps (1️⃣) end in the enclosing keycap; flags are pairs of regional indicators.
const EMOJI = /\p{Extended_Pictographic}|\p{Regional_Indicator}|\u20e3/u;
const SPACELESS = /^[\p{scx=Han}\p{scx=Hiragana}\p{scx=Katakana}]/u;
const LETTER_OR_DIGIT = /^[\p{L}\p{N}]/u;

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/**
 * Normalised as the index compares: NFKC, lower case, diacritics removed, NFC. Lower case plus the two
 * foldings it misses that users expect (Unicode case folding has them): "ß" is "ss", final "ς" is "σ".
 */
export function normalizeSearchText(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{Mn}/gu, (mark) => (isDiacritic(mark) ? '' : mark))
    .normalize('NFC')
    .replace(/ß/g, 'ss')
    .replace(/ς/g, 'σ');
}

/** A word, one character of a script written without spaces, or one emoji, found in a text. */
export interface TextUnit {
  kind: 'word' | 'cjk' | 'emoji';
  /** Normalised (normalizeSearchText; emoji without variation selectors). */
  text: string;
  /** Where the unit is in the original text: [start, end) in UTF-16 code units. */
  start: number;
  end: number;
  /** A `cjk` unit directly after another `cjk` one, in the same run (their pair is a `b:` token). */
  joined: boolean;
}

/** Whether a normalised grapheme is a character of a script written without spaces (Han, kana). */
export function isSpacelessChar(grapheme: string): boolean {
  return SPACELESS.test(grapheme) && LETTER_OR_DIGIT.test(grapheme);
}

type Kind = TextUnit['kind'] | 'separator';

function kindOf(grapheme: string): Kind {
  if (EMOJI.test(grapheme)) {
    return 'emoji';
  }
  if (isSpacelessChar(grapheme)) {
    return 'cjk';
  }
  return LETTER_OR_DIGIT.test(grapheme) ? 'word' : 'separator';
}

/**
 * The normalised text with, for each of its UTF-16 code units, the span of the original text it came from.
 * Each original grapheme is normalised alone, so a normalised character always maps back to whole original
 * characters even where normalisation changes lengths ("ﬁ" -> "fi", "e" + combining acute -> "e").
 */
function normalizeWithOrigins(text: string): { normalized: string; starts: number[]; ends: number[] } {
  let normalized = '';
  const starts: number[] = [];
  const ends: number[] = [];
  for (const { segment, index } of graphemes.segment(text)) {
    const piece = normalizeSearchText(segment);
    normalized += piece;
    for (let i = 0; i < piece.length; i++) {
      starts.push(index);
      ends.push(index + segment.length);
    }
  }
  return { normalized, starts, ends };
}

/** The words, spaceless-script characters and emoji of a text, in order, with their original positions. */
export function textUnits(text: string): TextUnit[] {
  const { normalized, starts, ends } = normalizeWithOrigins(text);
  const units: TextUnit[] = [];
  let previous: Kind = 'separator';
  for (const { segment, index } of graphemes.segment(normalized)) {
    const kind = kindOf(segment);
    const start = starts[index];
    const end = ends[index + segment.length - 1];
    const last = units[units.length - 1];
    if (kind === 'word' && previous === 'word') {
      last.text += segment;
      last.end = Math.max(last.end, end);
    } else if (kind === 'emoji') {
      units.push({ kind, text: segment.replace(VARIATION_SELECTORS, ''), start, end, joined: false });
    } else if (kind !== 'separator') {
      units.push({ kind, text: segment, start, end, joined: kind === 'cjk' && previous === 'cjk' });
    }
    previous = kind;
  }
  return units;
}

/** The `p:` prefixes of one normalised word (none below PREFIX_MIN code points). */
export function wordPrefixes(word: string): string[] {
  const chars = [...word];
  const prefixes: string[] = [];
  for (let length = PREFIX_MIN; length <= Math.min(PREFIX_MAX, chars.length); length++) {
    prefixes.push(chars.slice(0, length).join(''));
  }
  return prefixes;
}

/** Index tokens of one piece of text (content or an attachment name): w:, p:, b: tokens (no pseudo tokens). */
export function textTokens(text: string): string[] {
  const tokens = new Set<string>();
  const units = textUnits(text);
  units.forEach((unit, index) => {
    tokens.add(`w:${unit.text}`);
    if (unit.kind === 'word') {
      wordPrefixes(unit.text).forEach((prefix) => tokens.add(`p:${prefix}`));
    } else if (unit.joined) {
      tokens.add(`b:${units[index - 1].text}${unit.text}`);
    }
  });
  return [...tokens];
}
