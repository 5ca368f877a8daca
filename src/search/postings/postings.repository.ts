import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Collection } from 'mongodb';
import { Model } from 'mongoose';
import pMap from 'p-map';
import { SealedChunkRef, SearchPosting } from './posting.schema';

/** Entries a head holds at most after an add; past it they are sealed into a chunk. */
export const CHUNK = 128;
/** Postings written at once (each is its own document: a few round trips in flight, not thousands). */
const PARALLEL_WRITES = 16;

export interface PostingHead {
  _id: string;
  e: string[];
  s: Array<{ n: number; min: string; max: string }>;
}

/** As stored: a head has no `s` until it is first sealed; a chunk never has one. */
interface PostingDocument {
  _id: string;
  e: string[];
  s?: SealedChunkRef[];
}

/** The `_id` of a head's sealed chunk `n`. Blind tokens are base64url after the key id: never a `~`. */
export function chunkId(token: string, n: number): string {
  return `${token}~${n}`;
}

/**
 * The blind index's postings (search_postings): a head per blind token with its newest entries and the
 * ranges of its sealed chunks of CHUNK entries each. Every read is by `_id` equality, the only filter
 * FerretDB pushes down (and an index lookup on MongoDB). Writers hold the conversation's SearchIndexLock.
 */
@Injectable()
export class PostingsRepository {
  private readonly postings: Collection<PostingDocument>;

  constructor(@InjectModel(SearchPosting.name) model: Model<SearchPosting>) {
    this.postings = model.collection as unknown as Collection<PostingDocument>;
  }

  /** For tests and explain: the exact filter a head read sends. */
  static headFilter(token: string): { _id: string } {
    return { _id: token };
  }

  /** Adds entries (idempotent), sealing heads past CHUNK. Caller holds the conversation's lock. */
  async add(additions: ReadonlyMap<string, readonly string[]>): Promise<void> {
    await pMap(additions, ([token, entries]) => this.addTo(token, entries), { concurrency: PARALLEL_WRITES });
  }

  /** Removes entries from heads and the sealed chunks whose range holds them. Caller holds the lock. */
  async remove(removals: ReadonlyMap<string, readonly string[]>): Promise<void> {
    await pMap(removals, ([token, entries]) => this.removeFrom(token, entries), {
      concurrency: PARALLEL_WRITES,
    });
  }

  /** Heads by blind token (missing ones absent from the map); one `findOne({ _id })` each, in parallel. */
  async heads(tokens: readonly string[]): Promise<Map<string, PostingHead>> {
    const found = await Promise.all(
      [...new Set(tokens)].map((token) => this.postings.findOne(PostingsRepository.headFilter(token))),
    );
    return new Map(
      found.flatMap((head) => (head ? [[head._id, { _id: head._id, e: head.e, s: head.s ?? [] }]] : [])),
    );
  }

  /** A sealed chunk's entries (sorted). */
  async chunk(token: string, n: number): Promise<string[]> {
    return (await this.postings.findOne({ _id: chunkId(token, n) }))?.e ?? [];
  }

  /**
   * Deletes every posting (heads and chunks) whose blind token is under `keyId`: the `_id` range from
   * `<keyId>.` up to `<keyId>/` ("/" follows "." in code order; key ids have neither), not a regex.
   */
  async deleteKey(keyId: string): Promise<number> {
    if (!/^[\w-]{1,16}$/.test(keyId)) {
      throw new Error(`Not a key id: ${keyId}`);
    }
    const { deletedCount } = await this.postings.deleteMany({ _id: { $gte: `${keyId}.`, $lt: `${keyId}/` } });
    return deletedCount;
  }

  private async addTo(token: string, entries: readonly string[]): Promise<void> {
    if (entries.length === 0) {
      return;
    }
    const head = await this.postings.findOneAndUpdate(
      { _id: token },
      { $addToSet: { e: { $each: [...entries] } } }, // `s` appears with the first seal
      { upsert: true, returnDocument: 'after' },
    );
    if (!head) {
      return;
    }
    const sealed = head.s ?? [];
    // Re-indexing adds entries a chunk already holds: they stay in the chunk only.
    const duplicates = await this.inChunks(token, sealed, entries);
    let held = head.e;
    if (duplicates.size > 0) {
      await this.postings.updateOne({ _id: token }, { $pullAll: { e: [...duplicates] } });
      held = held.filter((entry) => !duplicates.has(entry));
    }
    if (held.length > CHUNK) {
      await this.seal(token, sealed, held);
    }
  }

  /**
   * Moves the head's entries to a new chunk. The chunk is upserted, so a writer that died between the two
   * writes and left the entries in the head seals them again into the same chunk.
   */
  private async seal(
    token: string,
    sealed: readonly SealedChunkRef[],
    held: readonly string[],
  ): Promise<void> {
    const entries = [...held].sort();
    const ref: SealedChunkRef = { n: sealed.length, min: entries[0], max: entries[entries.length - 1] };
    await this.postings.updateOne({ _id: chunkId(token, ref.n) }, { $set: { e: entries } }, { upsert: true });
    await this.postings.updateOne({ _id: token }, { $pullAll: { e: entries }, $push: { s: ref } });
  }

  private async removeFrom(token: string, entries: readonly string[]): Promise<void> {
    const head = await this.postings.findOne({ _id: token });
    if (!head || entries.length === 0) {
      return;
    }
    const removed = new Set(entries);
    const left = head.e.filter((entry) => !removed.has(entry));
    const sealed = head.s ?? [];
    if (left.length === 0 && sealed.length === 0) {
      await this.postings.deleteOne({ _id: token });
      return;
    }
    if (left.length < head.e.length) {
      await this.postings.updateOne({ _id: token }, { $pullAll: { e: [...entries] } });
    }
    await Promise.all(
      sealed.map(async (ref) => {
        const inRange = entries.filter((entry) => entry >= ref.min && entry <= ref.max);
        if (inRange.length > 0) {
          await this.postings.updateOne({ _id: chunkId(token, ref.n) }, { $pullAll: { e: inRange } });
        }
      }),
    );
  }

  /** Which of `entries` the sealed chunks already hold (reading only the chunks whose range covers one). */
  private async inChunks(
    token: string,
    sealed: readonly SealedChunkRef[],
    entries: readonly string[],
  ): Promise<Set<string>> {
    const held = new Set<string>();
    await Promise.all(
      sealed.map(async (ref) => {
        const inRange = entries.filter((entry) => entry >= ref.min && entry <= ref.max);
        if (inRange.length > 0) {
          const chunk = new Set(await this.chunk(token, ref.n));
          inRange.filter((entry) => chunk.has(entry)).forEach((entry) => held.add(entry));
        }
      }),
    );
    return held;
  }
}
