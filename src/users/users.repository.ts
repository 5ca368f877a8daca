import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model, Types } from 'mongoose';
import { Role } from '../common/auth/role';
import { batchLoader } from '../common/concurrency/batch-loader';
import { byIds } from '../common/database/by-ids';
import { isDuplicateKeyError } from '../common/database/write-errors';
import { prefixKeys } from '../common/text/search-words';
import type { StoredNotificationSettings } from './notification-settings/notification-settings';
import { DELETED_ACCOUNT_NAME, User, UserStatus } from './user.schema';

export type UserRecord = User & { _id: Types.ObjectId };

export interface NewUser {
  email?: string;
  emailVerified: boolean;
  displayName: string;
  avatarUrl?: string;
  passwordHash?: string;
  role?: Role;
}

@Injectable()
export class UsersRepository {
  /** Lookups by id from concurrent requests (member summaries, presence privacy) share one query. */
  private readonly byId = batchLoader<string, UserRecord | null>(
    async (ids) => {
      const rows = await this.users
        .find(byIds(ids.map((id) => new Types.ObjectId(id))))
        .lean<UserRecord[]>()
        .exec();
      return new Map(rows.map((row) => [row._id.toHexString(), row]));
    },
    () => null,
  );

  constructor(@InjectModel(User.name) private readonly users: Model<User>) {}

  /** Inserts a user (under `_id` when the caller chose it); undefined when the email is taken (unique index). */
  async create(user: NewUser, _id = new Types.ObjectId()): Promise<UserRecord | undefined> {
    try {
      const created = await this.users.create({
        _id,
        ...user,
        emailKey: user.email ?? `none:${_id.toHexString()}`,
        nameKeys: prefixKeys(user.displayName),
      });
      return created.toObject<UserRecord>();
    } catch (error) {
      if (isDuplicateKeyError(error)) {
        return undefined;
      }
      throw error;
    }
  }

  findById(id: string): Promise<UserRecord | null> {
    if (!Types.ObjectId.isValid(id)) {
      return Promise.resolve(null);
    }
    return this.users.findById(id).lean<UserRecord>().exec();
  }

  /** The users that exist among these ids, each once. */
  async findByIds(ids: readonly string[]): Promise<UserRecord[]> {
    const valid = [...new Set(ids)].filter((id) => Types.ObjectId.isValid(id));
    const found = await Promise.all(valid.map((id) => this.byId.load(id)));
    return found.filter((user) => user !== null);
  }

  async update(
    id: string,
    fields: Partial<
      Pick<
        User,
        'displayName' | 'avatarUrl' | 'hideLastSeen' | 'status' | 'role' | 'passwordHash' | 'emailVerified'
      >
    >,
  ): Promise<UserRecord | null> {
    if (!Types.ObjectId.isValid(id)) {
      return null;
    }
    const set =
      fields.displayName === undefined ? fields : { ...fields, nameKeys: prefixKeys(fields.displayName) };
    return this.setUnlessLeaving(id, set);
  }

  /** Active users other than `excludeId` whose name has a word starting with each key (from the index). */
  searchByNameKeys(keys: readonly string[], excludeId: string, limit: number): Promise<UserRecord[]> {
    return this.users
      .find({
        nameKeys: { $all: keys },
        _id: { $ne: new Types.ObjectId(excludeId) },
        status: UserStatus.Active,
      })
      .sort({ displayName: 1, _id: 1 })
      .limit(limit)
      .lean<UserRecord[]>()
      .exec();
  }

  /**
   * Names of those of these users whose name has a word starting with one of the keys (conversation search
   * checks which words each name matches).
   */
  async namesWithAnyKey(
    ids: readonly string[],
    keys: readonly string[],
  ): Promise<Array<{ id: string; displayName: string }>> {
    if (ids.length === 0 || keys.length === 0) {
      return [];
    }
    const rows = await this.users
      .find(
        { ...byIds(ids.map((id) => new Types.ObjectId(id))), nameKeys: { $in: [...keys] } },
        { displayName: 1 },
      )
      .lean<Array<Pick<UserRecord, '_id' | 'displayName'>>>()
      .exec();
    return rows.map((row) => ({ id: row._id.toHexString(), displayName: row.displayName }));
  }

  /** Users stored before name keys existed, a batch at a time (for the backfill at boot). */
  withoutNameKeys(limit: number): Promise<Array<Pick<UserRecord, '_id' | 'displayName'>>> {
    return this.users
      .find({ nameKeys: { $exists: false } }, { displayName: 1 })
      .limit(limit)
      .lean<Array<Pick<UserRecord, '_id' | 'displayName'>>>()
      .exec();
  }

  /** Sets name keys from the name read, unless the name changed since (its update wrote its own keys). */
  async setNameKeys(users: ReadonlyArray<Pick<UserRecord, '_id' | 'displayName'>>): Promise<void> {
    await this.users.bulkWrite(
      users.map(({ _id, displayName }) => ({
        updateOne: {
          filter: { _id, displayName },
          update: { $set: { nameKeys: prefixKeys(displayName) } },
        },
      })),
      { ordered: false },
    );
  }

  /** Starts a suspension (replacing any current one); null when there is no such user. */
  suspend(
    id: string,
    suspension: { until: Date | null; reason: string; suspensionId: string },
  ): Promise<UserRecord | null> {
    if (!Types.ObjectId.isValid(id)) {
      return Promise.resolve(null);
    }
    const set = {
      status: UserStatus.Suspended,
      suspendedUntil: suspension.until,
      suspensionReason: suspension.reason,
      suspensionId: suspension.suspensionId,
    };
    return this.setUnlessLeaving(id, set);
  }

  /**
   * Ends the user's suspension, or only the one named (a scheduled lift must not end a later suspension);
   * null when the user is not suspended (or not by that one).
   */
  unsuspend(id: string, suspensionId?: string): Promise<UserRecord | null> {
    if (!Types.ObjectId.isValid(id)) {
      return Promise.resolve(null);
    }
    const filter = {
      _id: new Types.ObjectId(id),
      status: UserStatus.Suspended,
      ...(suspensionId === undefined ? {} : { suspensionId }),
    };
    return this.users
      .findOneAndUpdate(
        filter,
        {
          $set: { status: UserStatus.Active },
          $unset: { suspendedUntil: 1, suspensionReason: 1, suspensionId: 1 },
        },
        { new: true },
      )
      .lean<UserRecord>()
      .exec();
  }

  countByRole(role: Role): Promise<number> {
    return this.users.countDocuments({ role }).exec();
  }

  /** For the admin list: by role, and/or by the start of a name's words (`nameKeys`) or a whole email. */
  list(filter: { role?: Role; keys?: string[]; emailKey?: string }, limit: number): Promise<UserRecord[]> {
    return this.users
      .find({
        ...(filter.role ? { role: filter.role } : {}),
        ...(filter.keys ? { nameKeys: { $all: filter.keys } } : {}),
        ...(filter.emailKey ? { emailKey: filter.emailKey } : {}),
      })
      .sort({ _id: 1 })
      .limit(limit)
      .lean<UserRecord[]>()
      .exec();
  }

  findByEmail(email: string): Promise<UserRecord | null> {
    return this.users.findOne({ emailKey: email }).lean<UserRecord>().exec();
  }

  /**
   * Marks the user `deleting` unless already `deleting` or `deleted` (one atomic update); returns the user
   * after the update, or as it was when it was already on its way out; null when there is no such user.
   */
  async markDeleting(id: string): Promise<UserRecord | null> {
    const marked = await this.setUnlessLeaving(id, {
      status: UserStatus.Deleting,
      deletionRequestedAt: new Date(),
    });
    return marked ?? this.findById(id);
  }

  /** Users whose deletion was asked for and has not finished (to resume it), oldest request first. */
  deleting(limit: number): Promise<Array<Pick<UserRecord, '_id'>>> {
    return this.users
      .find({ status: UserStatus.Deleting }, { _id: 1 })
      .limit(limit)
      .lean<Array<Pick<UserRecord, '_id'>>>()
      .exec();
  }

  /**
   * Erases the personal fields and marks the user `deleted`. The id stays (messages, receipts and audit
   * records refer to it); the email key becomes a per-user placeholder so the address can sign up again.
   */
  async erase(id: string): Promise<void> {
    await this.users
      .updateOne(
        { _id: new Types.ObjectId(id) },
        {
          $set: {
            status: UserStatus.Deleted,
            emailKey: `deleted:${id}`,
            emailVerified: false,
            displayName: DELETED_ACCOUNT_NAME,
            hideLastSeen: true,
            nameKeys: [],
          },
          $unset: {
            email: '',
            avatarUrl: '',
            passwordHash: '',
            suspendedUntil: '',
            suspensionReason: '',
            suspensionId: '',
            notificationSettings: '',
          },
        },
      )
      .exec();
  }

  /** The stored notification settings of these users (those with none chosen are absent). */
  async notificationSettingsOf(ids: readonly string[]): Promise<Map<string, StoredNotificationSettings>> {
    const rows = await this.users
      .find({ _id: { $in: ids.map((id) => new Types.ObjectId(id)) } }, { notificationSettings: 1 })
      .lean<Array<Pick<UserRecord, '_id' | 'notificationSettings'>>>()
      .exec();
    return new Map(
      rows.flatMap((row) =>
        row.notificationSettings ? [[row._id.toHexString(), row.notificationSettings] as const] : [],
      ),
    );
  }

  /** Sets the given notification settings (each field on its own, so two devices' changes both stay). */
  async setNotificationSettings(id: string, changes: StoredNotificationSettings): Promise<UserRecord | null> {
    const set = Object.fromEntries(
      Object.entries(changes).map(([key, value]) => [`notificationSettings.${key}`, value]),
    );
    return this.setUnlessLeaving(id, set);
  }

  /**
   * `$set` on a user that is not being deleted (one atomic update): its erasure job would stop at a status
   * it does not expect. Null when there is no such user, or it is on its way out.
   */
  private setUnlessLeaving(id: string, set: Record<string, unknown>): Promise<UserRecord | null> {
    return this.users
      .findOneAndUpdate(
        { _id: new Types.ObjectId(id), status: { $nin: [UserStatus.Deleting, UserStatus.Deleted] } },
        { $set: set },
        { new: true },
      )
      .lean<UserRecord>()
      .exec();
  }
}
