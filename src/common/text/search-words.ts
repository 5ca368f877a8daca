/** Longest word prefix kept for prefix lookups; a longer query word is cut to it as well. */
export const MAX_PREFIX_CHARS = 24;

/**
 * The words of a text as search compares them: Unicode compatibility forms folded (NFKC), lower case,
 * diacritics removed (so "Zoë" is found by "zoe"), split on anything that is not a letter or a digit.
 */
export function searchWords(text: string): string[] {
  const folded = text
    .normalize('NFKC')
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .normalize('NFC');
  return folded.split(/[^\p{L}\p{N}]+/u).filter((word) => word.length > 0);
}

/**
 * Every prefix of every word (up to MAX_PREFIX_CHARS), each once: stored beside a name, they let an equality
 * lookup on one indexed array field serve prefix search, which every MongoDB-compatible store can do.
 */
export function prefixKeys(text: string): string[] {
  const keys = new Set<string>();
  for (const word of searchWords(text)) {
    const chars = [...word].slice(0, MAX_PREFIX_CHARS);
    for (let length = 1; length <= chars.length; length += 1) {
      keys.add(chars.slice(0, length).join(''));
    }
  }
  return [...keys];
}

/** The keys a query must all match: its words, cut as stored prefixes are. */
export function queryKeys(query: string): string[] {
  return [...new Set(searchWords(query).map((word) => [...word].slice(0, MAX_PREFIX_CHARS).join('')))];
}
