import { BackgroundWork } from '../../common/lifecycle/background-work';
import { AppConfig } from '../../config/app-config';
import { SearchKeyring } from '../blind-index/search-keyring';
import { PostingsWriter } from './postings-writer';
import { SearchIndexer } from './search-indexer';

type Changes = Parameters<PostingsWriter['write']>[1];

/** Blind tokens spelled out (`<key>.<conversation>/<token>`): a write key k2 and an older k1. */
const keyring = {
  blind: (conversationId: string, token: string) => `k2.${conversationId}/${token}`,
  blindAll: (conversationId: string, token: string) => [
    `k2.${conversationId}/${token}`,
    `k1.${conversationId}/${token}`,
  ],
} as unknown as SearchKeyring;

function indexer(write: (conversationId: string, changes: Changes) => Promise<void>): SearchIndexer {
  const config = { search: { indexFlushMs: 60_000 } } as AppConfig;
  return new SearchIndexer(keyring, { write } as unknown as PostingsWriter, new BackgroundWork(), config);
}

const plain = (changes: Changes) => ({
  additions: Object.fromEntries(changes.additions ?? []),
  removals: Object.fromEntries(changes.removals ?? []),
});

describe('SearchIndexer', () => {
  it("writes one conversation's changes together, each pair at its last state, removals under every key", async () => {
    const writes: Array<[string, ReturnType<typeof plain>]> = [];
    const subject = indexer(async (conversationId, changes) => {
      writes.push([conversationId, plain(changes)]);
    });
    subject.record('c1', 'e1', { added: ['w:alpha', 'w:bravo'], removed: [] });
    subject.record('c1', 'e1', { added: ['w:charlie'], removed: ['w:alpha'] });
    subject.record('c1', 'e2', { added: ['w:bravo'], removed: [] });
    await subject.flush();
    expect(writes).toEqual([
      [
        'c1',
        {
          additions: { 'k2.c1/w:bravo': ['e1', 'e2'], 'k2.c1/w:charlie': ['e1'] },
          removals: { 'k2.c1/w:alpha': ['e1'], 'k1.c1/w:alpha': ['e1'] },
        },
      ],
    ]);
    await subject.beforeApplicationShutdown();
  });

  it('keeps a failed conversation’s changes for the next flush, under the changes made since', async () => {
    const writes: Array<[string, ReturnType<typeof plain>]> = [];
    let fail = true;
    const subject = indexer(async (conversationId, changes) => {
      if (conversationId === 'c1' && fail) {
        fail = false;
        throw new Error('store down');
      }
      writes.push([conversationId, plain(changes)]);
    });
    subject.record('c1', 'e1', { added: ['w:alpha'], removed: [] });
    subject.record('c2', 'e9', { added: ['w:other'], removed: [] });
    await subject.flush();
    expect(writes.map(([conversationId]) => conversationId)).toEqual(['c2']);

    subject.record('c1', 'e1', { added: [], removed: ['w:alpha'] });
    subject.record('c1', 'e3', { added: ['w:delta'], removed: [] });
    await subject.flush();
    expect(writes[1]).toEqual([
      'c1',
      {
        additions: { 'k2.c1/w:delta': ['e3'] },
        removals: { 'k2.c1/w:alpha': ['e1'], 'k1.c1/w:alpha': ['e1'] },
      },
    ]);
    await subject.flush();
    expect(writes).toHaveLength(2);
    await subject.beforeApplicationShutdown();
  });

  it('writes what is pending at shutdown, and a change arriving afterwards at once', async () => {
    const written: string[] = [];
    const subject = indexer(async (conversationId) => {
      written.push(conversationId);
    });
    subject.record('c1', 'e1', { added: ['w:alpha'], removed: [] });
    await subject.beforeApplicationShutdown();
    expect(written).toEqual(['c1']);
    subject.record('c2', 'e2', { added: ['w:late'], removed: [] });
    await subject.flush();
    expect(written).toEqual(['c1', 'c2']);
  });
});
