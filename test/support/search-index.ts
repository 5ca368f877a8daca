import { Db } from 'mongodb';
import { SearchKeyring } from '../../src/search/blind-index/search-keyring';
import { SearchIndexer } from '../../src/search/indexing/search-indexer';
import { entryOf } from '../../src/search/text/message-tokens';
import { TestApp } from './test-app';

interface PostingDocument {
  _id: string;
  e: string[];
  s?: Array<{ n: number }>;
}

/** Every entry of a posting, read raw: its head's and its sealed chunks'. */
export async function postingEntries(db: Db, blindToken: string): Promise<string[]> {
  const postings = db.collection<PostingDocument>('search_postings');
  const head = await postings.findOne({ _id: blindToken });
  if (!head) {
    return [];
  }
  const chunks = await Promise.all(
    (head.s ?? []).map(async ({ n }) => (await postings.findOne({ _id: `${blindToken}~${n}` }))?.e ?? []),
  );
  return [...head.e, ...chunks.flat()];
}

/** The index as one app writes it: which of `tokens` list the message, under the app's write key. */
export async function indexedTokens(
  t: TestApp,
  db: Db,
  conversationId: string,
  message: { id: string; createdAt: unknown },
  tokens: readonly string[],
  keyIndex = 0,
): Promise<string[]> {
  const keyring = t.app.get(SearchKeyring, { strict: false });
  const entry = entryOf({ messageId: message.id, createdAt: new Date(String(message.createdAt)) });
  const found: string[] = [];
  for (const token of tokens) {
    const blind = keyring.blindAll(conversationId, token)[keyIndex];
    if ((await postingEntries(db, blind)).includes(entry)) {
      found.push(token);
    }
  }
  return found;
}

/** Writes what the app's indexer holds now (the events of requests answered so far have reached it). */
export function flushIndex(t: TestApp): Promise<void> {
  return t.app.get(SearchIndexer, { strict: false }).flush();
}
