import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { isDuplicateKeyError } from '../../common/database/write-errors';
import { SearchIndexKey } from './search-index-key.schema';
import { MESSAGES_INDEX, ReindexProgress, SearchIndexState } from './search-index-state.schema';

/** The index state document and the key ids used (read and written by `_id` only). */
@Injectable()
export class SearchIndexStateRepository {
  constructor(
    @InjectModel(SearchIndexState.name) private readonly states: Model<SearchIndexState>,
    @InjectModel(SearchIndexKey.name) private readonly keys: Model<SearchIndexKey>,
  ) {}

  async get(): Promise<SearchIndexState | null> {
    return this.states.collection.findOne({
      _id: MESSAGES_INDEX as never,
    }) as Promise<SearchIndexState | null>;
  }

  /** Only the build job writes progress (one at a time), so a plain `$set` is enough. */
  async saveProgress(progress: ReindexProgress): Promise<void> {
    await this.states.collection.updateOne(
      { _id: MESSAGES_INDEX as never },
      { $set: { progress } },
      { upsert: true },
    );
  }

  async complete(keyId: string, completedAt: Date): Promise<void> {
    await this.states.collection.updateOne(
      { _id: MESSAGES_INDEX as never },
      { $set: { progress: null, completed: { keyId, completedAt } } },
      { upsert: true },
    );
  }

  /** Records that postings may be written under `keyId` (once; later calls change nothing). */
  async registerKey(keyId: string): Promise<void> {
    try {
      await this.keys.collection.insertOne({ _id: keyId as never, firstUsedAt: new Date() });
    } catch (error) {
      if (!isDuplicateKeyError(error)) {
        throw error;
      }
    }
  }

  /** Every key id registered (a handful: one per rotation). */
  async keyIds(): Promise<string[]> {
    const rows = await this.keys.collection.find({}, { projection: { _id: 1 } }).toArray();
    return rows.map((row) => String(row._id));
  }
}
