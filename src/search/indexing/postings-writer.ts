import { Injectable } from '@nestjs/common';
import { SearchIndexLock } from '../postings/conversation-lock';
import { PostingsRepository } from '../postings/postings.repository';

/** Postings written per hold of a conversation's lock, so that one hold ends far within the lock's 30 s. */
const POSTINGS_PER_HOLD = 256;

/**
 * Writes a conversation's postings changes under its lock (FerretDB applies concurrent updates of one
 * document non-atomically), a slice of postings per hold. Both writes are idempotent, so a failed call may
 * be repeated whole.
 */
@Injectable()
export class PostingsWriter {
  constructor(
    private readonly lock: SearchIndexLock,
    private readonly postings: PostingsRepository,
  ) {}

  async write(
    conversationId: string,
    changes: {
      additions?: ReadonlyMap<string, readonly string[]>;
      removals?: ReadonlyMap<string, readonly string[]>;
    },
  ): Promise<void> {
    for (const slice of slices(changes.removals)) {
      await this.lock.run(conversationId, () => this.postings.remove(slice));
    }
    for (const slice of slices(changes.additions)) {
      await this.lock.run(conversationId, () => this.postings.add(slice));
    }
  }
}

function slices(
  changes: ReadonlyMap<string, readonly string[]> | undefined,
): Array<Map<string, readonly string[]>> {
  const all = [...(changes ?? [])];
  const result: Array<Map<string, readonly string[]>> = [];
  for (let start = 0; start < all.length; start += POSTINGS_PER_HOLD) {
    result.push(new Map(all.slice(start, start + POSTINGS_PER_HOLD)));
  }
  return result;
}
