import { Injectable } from '@nestjs/common';
import { SearchKeyring } from '../blind-index/search-keyring';
import { PostingHead, PostingsRepository } from '../postings/postings.repository';
import { EntryIntersection } from './entry-intersection';
import { EntrySource } from './entry-source';
import { LazyChunk, PostingStream } from './posting-stream';

/** Stands for a posting's size before its chunks are read: sealed chunks hold about this many entries. */
const CHUNK_ESTIMATE = 128;

/**
 * The entry sources of a query: per conversation, the AND of its tokens' postings. Every head (each token
 * under each key, in each conversation) is one `_id` read, all in parallel; sealed chunks are read later, only
 * when the streams reach them. A conversation lacking any token's posting drops out before anything else is
 * read.
 */
@Injectable()
export class PostingSources {
  constructor(
    private readonly postings: PostingsRepository,
    private readonly keyring: SearchKeyring,
  ) {}

  async of(
    conversationIds: readonly string[],
    tokens: readonly string[],
    floor: string | null,
  ): Promise<Array<{ key: string; source: EntrySource }>> {
    const blinded = conversationIds.map((id) => tokens.map((token) => this.keyring.blindAll(id, token)));
    const heads = await this.postings.heads(blinded.flat(2));
    return conversationIds.flatMap((key, index) => {
      const streams = blinded[index].map((underEachKey) => this.stream(underEachKey, heads, floor));
      if (streams.some((stream) => stream === null)) {
        return [];
      }
      // The smallest posting leads the intersection: the others then seek to its few entries.
      const ordered = (streams as Array<{ size: number; stream: PostingStream }>).sort(
        (a, b) => a.size - b.size,
      );
      return [{ key, source: new EntryIntersection(ordered.map(({ stream }) => stream)) }];
    });
  }

  /** One token's stream under every key that has it (several during a re-index); null when none has. */
  private stream(
    underEachKey: readonly string[],
    heads: ReadonlyMap<string, PostingHead>,
    floor: string | null,
  ): { size: number; stream: PostingStream } | null {
    const found = underEachKey.flatMap((token) => {
      const head = heads.get(token);
      return head ? [{ token, head }] : [];
    });
    if (found.length === 0) {
      return null;
    }
    const chunks = found.flatMap(({ token, head }) =>
      head.s.map(({ n, min, max }): LazyChunk => ({ min, max, load: () => this.postings.chunk(token, n) })),
    );
    const entries = found.flatMap(({ head }) => head.e);
    return {
      size: entries.length + chunks.length * CHUNK_ESTIMATE,
      stream: new PostingStream(entries, chunks, floor),
    };
  }
}
