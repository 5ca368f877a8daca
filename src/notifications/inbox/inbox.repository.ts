import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { AnyBulkWriteOperation } from 'mongodb';
import { Model, Types } from 'mongoose';
import { byIds } from '../../common/database/by-ids';
import { isDuplicateKeyError, MAX_STATEMENTS_PER_COMMAND } from '../../common/database/write-errors';
import { MemberRole, NotificationKind } from '../../realtime/server-events';
import { Notification, NotificationRecord } from './notification.schema';

const oid = (id: string) => new Types.ObjectId(id);

/** An entry as lists read it: everything but the (long) list of sources. */
export type NotificationRow = Omit<NotificationRecord, 'sourceIds'>;
const ROW = { sourceIds: 0 } as const;

/** FerretDB v1 takes no projection in findAndModify, so its answers drop the sources here. */
function withoutSources({ sourceIds: _sources, ...row }: NotificationRecord): NotificationRow {
  return row;
}

/** One event to store or aggregate into the recipient's open entry of its group. */
export interface NotificationEvent {
  userId: string;
  kind: NotificationKind;
  groupKey: string;
  sourceId: string;
  actorId: string | null;
  conversationId: string | null;
  messageId: string | null;
  emoji: string | null;
  role: MemberRole | null;
  title: string | null;
  body: string | null;
  data: Record<string, unknown> | null;
  at: Date;
}

/** A page position: the last row's `updatedAt` and id. */
export interface NotificationPosition {
  at: Date;
  id: string;
}

/** Tries of the aggregating upsert when another writer's insert of the same open entry wins. */
const UPSERT_TRIES = 3;

/** Inbox entries: the only code touching the `notifications` collection. */
@Injectable()
export class InboxRepository {
  constructor(@InjectModel(Notification.name) private readonly entries: Model<Notification>) {}

  static openKeyOf(userId: string, groupKey: string): string {
    return `${userId}:${groupKey}`;
  }

  /** Whether the user has an entry of this group that already counts the source (read or not). */
  async hasSource(userId: string, groupKey: string, sourceId: string): Promise<boolean> {
    const found = await this.entries.collection.findOne(
      { userId: oid(userId), groupKey, sourceIds: sourceKey(sourceId) },
      { projection: { _id: 1 } },
    );
    return found !== null;
  }

  /**
   * Adds the event to the user's unread entry of its group, or starts one: one upsert keyed by `openKey`
   * that matches only while the source is not counted yet, so a repeated source changes nothing (null).
   * Two first events racing both miss and insert; the unique index refuses one, which then tries again and
   * grows the other's entry. Atomic on MongoDB; FerretDB v1 reads then writes, so callers hold the open
   * key's lock (InboxService) around it.
   */
  async aggregate(event: NotificationEvent): Promise<{ entry: NotificationRow; created: boolean } | null> {
    const openKey = InboxRepository.openKeyOf(event.userId, event.groupKey);
    const source = sourceKey(event.sourceId);
    for (let attempt = 1; ; attempt++) {
      try {
        const stored = await this.entries.collection.findOneAndUpdate(
          { openKey, sourceIds: { $ne: source } },
          updateOf(event, source),
          { upsert: true, returnDocument: 'after' },
        );
        if (!stored) {
          throw new Error(`Upsert of notification ${openKey} returned nothing`);
        }
        const entry = withoutSources(stored as NotificationRecord);
        return { entry, created: entry.count === 1 };
      } catch (error) {
        if (!isDuplicateKeyError(error)) {
          throw error;
        }
        if (
          await this.entries.collection.findOne(
            { openKey, sourceIds: event.sourceId },
            { projection: { _id: 1 } },
          )
        ) {
          return null;
        }
        if (attempt >= UPSERT_TRIES) {
          throw error;
        }
      }
    }
  }

  /** Closes an unread entry to further aggregation (the next event starts a new one), leaving it unread. */
  async close(id: Types.ObjectId): Promise<void> {
    await this.entries.collection.updateOne({ _id: id }, { $set: { openKey: id.toHexString() } });
  }

  async findOwn(userId: string, id: string): Promise<NotificationRow | null> {
    return (await this.entries.collection.findOne(
      { _id: oid(id), userId: oid(userId) },
      { projection: ROW },
    )) as NotificationRow | null;
  }

  /** The user's entries newest first (`updatedAt`, then `_id`), after the position when given. */
  page(
    userId: string,
    filter: { unread?: boolean },
    after: NotificationPosition | undefined,
    limit: number,
  ): Promise<NotificationRow[]> {
    const query: Record<string, unknown> = { userId: oid(userId) };
    if (filter.unread !== undefined) {
      query.readAt = filter.unread ? null : { $ne: null };
    }
    if (after) {
      query.$or = [{ updatedAt: { $lt: after.at } }, { updatedAt: after.at, _id: { $lt: oid(after.id) } }];
    }
    return this.entries
      .find(query, ROW)
      .sort({ updatedAt: -1, _id: -1 })
      .limit(limit)
      .lean<NotificationRow[]>()
      .exec();
  }

  unreadCount(userId: string): Promise<number> {
    return this.entries.collection.countDocuments({ userId: oid(userId), readAt: null });
  }

  /** The user's unread entries of these kinds that changed after `since` (all when null), newest first. */
  unreadOf(
    userId: string,
    kinds: readonly NotificationKind[],
    since: Date | null,
  ): Promise<NotificationRow[]> {
    return this.entries
      .find(
        {
          userId: oid(userId),
          readAt: null,
          kind: { $in: [...kinds] },
          ...(since ? { updatedAt: { $gt: since } } : {}),
        },
        ROW,
      )
      .sort({ updatedAt: -1, _id: -1 })
      .lean<NotificationRow[]>()
      .exec();
  }

  /** Marks the user's entry read unless it was; null when it is not theirs or was read already. */
  async markRead(userId: string, id: string, at: Date): Promise<NotificationRow | null> {
    const marked = await this.entries.collection.findOneAndUpdate(
      { _id: oid(id), userId: oid(userId), readAt: null },
      { $set: { readAt: at, openKey: id } },
      { returnDocument: 'after' },
    );
    return marked && withoutSources(marked as NotificationRecord);
  }

  /** Ids of the user's unread entries, those last changed at or before `before` when given. */
  async unreadIds(userId: string, before: Date | null, limit: number): Promise<Types.ObjectId[]> {
    const rows = await this.entries.collection
      .find(
        { userId: oid(userId), readAt: null, ...(before ? { updatedAt: { $lte: before } } : {}) },
        { projection: { _id: 1 } },
      )
      .limit(limit)
      .toArray();
    return rows.map((row) => row._id);
  }

  /**
   * Marks these entries read, each with its own id as its open key: one update per document (FerretDB v1
   * has no pipeline update to set a field from `_id`), in bulk writes of a few statements. An entry read
   * meanwhile is left alone. Answers how many changed.
   */
  async markManyRead(ids: readonly Types.ObjectId[], at: Date): Promise<number> {
    let modified = 0;
    for (let start = 0; start < ids.length; start += MAX_STATEMENTS_PER_COMMAND) {
      const operations: AnyBulkWriteOperation[] = ids
        .slice(start, start + MAX_STATEMENTS_PER_COMMAND)
        .map((id) => ({
          updateOne: {
            filter: { _id: id, readAt: null },
            update: { $set: { readAt: at, openKey: id.toHexString() } },
          },
        }));
      const result = await this.entries.collection.bulkWrite(operations, { ordered: false });
      modified += result.modifiedCount;
    }
    return modified;
  }

  async deleteOwn(userId: string, id: string): Promise<boolean> {
    const result = await this.entries.collection.deleteOne({ _id: oid(id), userId: oid(userId) });
    return result.deletedCount > 0;
  }

  /** Every entry of the user (for their data export), newest first. */
  allOf(userId: string): Promise<NotificationRow[]> {
    return this.entries
      .find({ userId: oid(userId) }, ROW)
      .sort({ updatedAt: -1, _id: -1 })
      .lean<NotificationRow[]>()
      .exec();
  }

  /**
   * Account deletion: the user's own entries go, and they are taken out of the actors of everyone else's
   * (counts stay). Safe to repeat.
   */
  async eraseUser(userId: string): Promise<void> {
    await this.entries.collection.deleteMany({ userId: oid(userId) });
    await this.entries.collection.updateMany({ actorIds: userId }, { $pull: { actorIds: userId } as never });
    await this.entries.collection.updateMany({ latestActorId: userId }, { $set: { latestActorId: null } });
  }

  /** Deletes up to `limit` entries last changed before `cutoff`; answers how many went. */
  async deleteBefore(cutoff: Date, limit: number): Promise<number> {
    const expired = await this.entries.collection
      .find({ updatedAt: { $lt: cutoff } }, { projection: { _id: 1 } })
      .limit(limit)
      .toArray();
    if (expired.length === 0) {
      return 0;
    }
    const result = await this.entries.collection.deleteMany(byIds(expired.map((row) => row._id)));
    return result.deletedCount;
  }
}

/**
 * The aggregating update: the source and actor join their sets, the latest event's details replace the
 * previous ones, and the entry's identity is set only when it is inserted. FerretDB v1 leaves out null and
 * empty-array values of `$setOnInsert` (readers take a missing field as null), so the actor set is made by
 * `$addToSet` with `$each`, which creates it even when empty.
 */
function updateOf(event: NotificationEvent, source: string): Record<string, unknown> {
  const latest: Record<string, unknown> = { updatedAt: event.at };
  if (event.actorId !== null) {
    latest.latestActorId = event.actorId;
  }
  for (const field of ['messageId', 'emoji', 'role', 'title', 'body', 'data'] as const) {
    if (event[field] !== null) {
      latest[field] = event[field];
    }
  }
  return {
    $addToSet: {
      sourceIds: source,
      actorIds: { $each: event.actorId === null ? [] : [event.actorId] },
    },
    $inc: { count: 1 },
    $set: latest,
    $setOnInsert: {
      userId: oid(event.userId),
      kind: event.kind,
      groupKey: event.groupKey,
      conversationId: event.conversationId === null ? null : oid(event.conversationId),
      createdAt: event.at,
      readAt: null,
    },
  };
}

/**
 * A source id as stored: a digest, so an entry keeps no ids of the events' actors (a reaction's source
 * names its reactor), only a fingerprint to count each source once.
 */
function sourceKey(sourceId: string): string {
  return createHash('sha256').update(sourceId).digest('base64url').slice(0, 22);
}
