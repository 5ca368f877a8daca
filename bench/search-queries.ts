/**
 * The search scenario's queries, drawn from the corpus' words at three frequencies, and the words whose
 * exact hit counts prove the index complete before anything is measured.
 */
import { Corpus, folded, isLatin, messageAt, random } from './search-corpus';

export type Band = 'rare' | 'medium' | 'common';
export type QueryKind = 'one-word' | 'two-word' | 'prefix';

/**
 * Ranks (0-based) of each band. With 20,000 words and about 9 words a message, at 100k messages a common
 * word is in 2-60% of messages, a medium one in 0.05-0.5%, a rare one in at most a few dozen.
 */
export const BANDS: Record<Band, [number, number]> = {
  common: [0, 50],
  medium: [200, 2000],
  rare: [5000, 20_000],
};
const BAND_ORDER: Band[] = ['rare', 'medium', 'common'];

export interface SearchQuery {
  q: string;
  band: Band;
}

/**
 * `count` queries of a kind, bands in turn. Two-word: a word of the band and a common or medium one (AND).
 * Prefix: the first 3 to 6 characters of a Latin word of 4+ letters of the band, with `*`.
 */
export function queriesOf(corpus: Corpus, kind: QueryKind, count: number): SearchQuery[] {
  const next = random(corpus.seed + kind.length * 7919);
  const inBand = (band: Band, accept: (word: string) => boolean = () => true): string => {
    const [low, high] = BANDS[band];
    for (;;) {
      const word = corpus.words[low + Math.floor(next() * (high - low))];
      if (accept(word)) {
        return word;
      }
    }
  };
  return Array.from({ length: count }, (_, i) => {
    const band = BAND_ORDER[i % BAND_ORDER.length];
    if (kind === 'one-word') {
      return { q: inBand(band), band };
    }
    if (kind === 'two-word') {
      const first = inBand(band);
      const second = inBand(next() < 0.5 ? 'common' : 'medium', (word) => word !== first);
      return { q: `${first} ${second}`, band };
    }
    const word = inBand(band, (w) => isLatin(w) && [...w].length >= 4);
    const length = 3 + Math.floor(next() * Math.min(4, [...word].length - 3));
    return { q: `${[...word].slice(0, length).join('')}*`, band };
  });
}

/**
 * Up to `count` rare Latin words with 1 to 40 hits among the first `messages` messages, with their exact hit
 * counts: a search for each must return exactly that many once everything sent is indexed.
 */
export function indexProbes(
  corpus: Corpus,
  messages: number,
  count = 8,
): Array<{ word: string; expected: number }> {
  const hits = new Map<number, number>();
  for (let i = 0; i < messages; i += 1) {
    for (const rank of new Set(messageAt(corpus, i).ranks)) {
      hits.set(rank, (hits.get(rank) ?? 0) + 1);
    }
  }
  const [low] = BANDS.medium;
  return [...hits]
    .filter(([rank, n]) => rank >= low && n <= 40 && isLatin(corpus.words[rank]))
    .sort(([a], [b]) => b - a)
    .filter((_, i, all) => i % Math.max(1, Math.floor(all.length / count)) === 0)
    .slice(0, count)
    .map(([rank, expected]) => ({ word: folded(corpus.words[rank]), expected }));
}
