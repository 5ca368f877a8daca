/**
 * The search scenario's corpus: chat messages drawn from a vocabulary with a Zipf-like word frequency (rank
 * r is used in proportion to 1/r), mostly English and made-up Latin words, with accented, CJK and Hangul words
 * and emoji at every frequency. Deterministic from a seed, and message i is computed from (seed, i) alone, so
 * the seeder, the harness's index check and the queries agree without shipping 100k messages between
 * processes.
 */

/** A fast seeded PRNG (mulberry32): numbers in [0, 1). */
export function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ENGLISH = (
  'the to and you it a i is that of in for we on be this have not can are with will just do at so but my ' +
  'me get your all what if was about know like its out up think now one good time how there when they ' +
  'today tomorrow meeting call send need see thanks yes no going here back ok sure work make new some'
).split(' ');

/** Real words with diacritics (folded by the index: "café" is found by "cafe"). */
const ACCENTED = (
  'café naïve déjà über straße mañana niño façade résumé crème fiancée São Zürich jalapeño piñata Ångström ' +
  'smörgåsbord Łódź Kraków Dvořák français garçon élève señora Müller Köln Øresund Ålesund Málaga Göteborg'
).split(' ');

/** Han, kana and Hangul words; Han and kana are written without spaces (see `messageAt`). */
const CJK = (
  '会議 東京 明日 今日 ありがとう 電車 会社 天気 日本語 你好 谢谢 朋友 学校 时间 問題 大丈夫 お疲れ様 ' +
  'コーヒー ラーメン 映画 音楽 先生 仕事 週末 北京 上海 안녕하세요 감사합니다 회의 내일'
).split(' ');

/** Single code points, a skin tone and a ZWJ sequence (indexed whole). */
const EMOJI = ['👍', '😂', '❤️', '🎉', '🙏', '👍🏽', '👨‍👩‍👧', '🔥', '😅', '✅', '🚀', '☕'];

const CONSONANTS = 'bcdfghjklmnprstvwz'.split('');
const VOWELS = 'aeiou'.split('');
const ACCENT_OF: Record<string, string> = { a: 'á', e: 'é', i: 'í', o: 'ö', u: 'ü' };

/** How the index compares words: lower case, diacritics removed. */
export function folded(word: string): string {
  return word
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .normalize('NFC');
}

const WRITTEN_WITHOUT_SPACES = /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;
const LATIN_WORD = /^\p{Script=Latin}+$/u;

export function isLatin(word: string): boolean {
  return LATIN_WORD.test(word);
}

export interface Corpus {
  seed: number;
  /** Words by rank (index 0 = rank 1, the most frequent). Unique after folding. */
  words: string[];
  /** Cumulative Zipf weights, for sampling a rank. */
  cumulative: Float64Array;
}

function pseudoWord(next: () => number): string {
  const syllables = 1 + Math.floor(next() * 3.2);
  let word = '';
  for (let s = 0; s < syllables; s += 1) {
    word += CONSONANTS[Math.floor(next() * CONSONANTS.length)] + VOWELS[Math.floor(next() * VOWELS.length)];
    if (next() < 0.3) {
      word += CONSONANTS[Math.floor(next() * CONSONANTS.length)];
    }
  }
  // About 4% of the made-up words carry a diacritic too.
  return next() < 0.04 ? word.replace(/[aeiou]/, (vowel) => ACCENT_OF[vowel]) : word;
}

/**
 * `size` words: the English ones first (the most frequent, as in real chat), the accented, CJK and emoji
 * words at log-uniform ranks (so some are common, most rare), made-up words everywhere else.
 */
export function buildCorpus(seed: number, size = 20_000): Corpus {
  const next = random(seed);
  const taken = new Set<string>();
  const slots: Array<string | undefined> = new Array<string | undefined>(size);
  ENGLISH.forEach((word, i) => {
    slots[i] = word;
    taken.add(folded(word));
  });
  for (const special of [...ACCENTED, ...CJK, ...EMOJI]) {
    let rank: number;
    do {
      rank = Math.floor(Math.exp(Math.log(8) + next() * (Math.log(size) - Math.log(8))));
    } while (slots[rank] !== undefined);
    slots[rank] = special;
    taken.add(folded(special));
  }
  for (let i = 0; i < size; i += 1) {
    while (slots[i] === undefined) {
      const word = pseudoWord(next);
      if (word.length >= 3 && !taken.has(folded(word))) {
        taken.add(folded(word));
        slots[i] = word;
      }
    }
  }
  const cumulative = new Float64Array(size);
  let total = 0;
  for (let i = 0; i < size; i += 1) {
    total += 1 / (i + 1);
    cumulative[i] = total;
  }
  return { seed, words: slots as string[], cumulative };
}

function sampleRank(corpus: Corpus, u: number): number {
  const target = u * corpus.cumulative[corpus.cumulative.length - 1];
  let [low, high] = [0, corpus.cumulative.length - 1];
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (corpus.cumulative[mid] < target) {
      low = mid + 1;
    } else {
      high = mid;
    }
  }
  return low;
}

export const CONVERSATIONS = 100;
/** Conversations are busy in proportion to 1/(c+1)^0.6: the busiest gets about 7% of messages, the quietest 0.5%. */
const CONVERSATION_WEIGHTS = Array.from({ length: CONVERSATIONS }, (_, c) => 1 / (c + 1) ** 0.6);
const CONVERSATION_TOTAL = CONVERSATION_WEIGHTS.reduce((sum, w) => sum + w, 0);

export interface CorpusMessage {
  /** 0 .. CONVERSATIONS - 1. */
  conversation: number;
  /** In [0, 1): the harness picks the sender among the conversation's members with it. */
  sender: number;
  /** The words' ranks (index into `corpus.words`), in order. */
  ranks: number[];
  content: string;
}

/** Message i: 1 to 40 words (mean about 9), some capitalised, commas, end punctuation, CJK runs unspaced. */
export function messageAt(corpus: Corpus, i: number): CorpusMessage {
  const next = random(Math.imul(corpus.seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(i + 1, 0xc2b2ae35));
  let pick = next() * CONVERSATION_TOTAL;
  let conversation = 0;
  while (pick >= CONVERSATION_WEIGHTS[conversation] && conversation < CONVERSATIONS - 1) {
    pick -= CONVERSATION_WEIGHTS[conversation];
    conversation += 1;
  }
  const sender = next();
  const length = Math.min(40, 1 + Math.floor(-Math.log(1 - next()) * 8));
  const ranks = Array.from({ length }, () => sampleRank(corpus, next()));
  let content = '';
  ranks.forEach((rank, position) => {
    let word = corpus.words[rank];
    if (position === 0 && isLatin(word) && next() < 0.3) {
      word = word[0].toUpperCase() + word.slice(1);
    }
    const previous = position > 0 ? corpus.words[ranks[position - 1]] : '';
    const unspaced = WRITTEN_WITHOUT_SPACES.test(word) && WRITTEN_WITHOUT_SPACES.test(previous);
    content += (position === 0 || (unspaced && next() < 0.5) ? '' : ' ') + word;
    if (position < length - 1 && next() < 0.05) {
      content += ',';
    }
  });
  content += ['', '', '.', '?', '!'][Math.floor(next() * 5)];
  return { conversation, sender, ranks, content };
}
