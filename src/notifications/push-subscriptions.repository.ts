import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model, Types } from 'mongoose';
import { byIds } from '../common/database/by-ids';
import { isDuplicateKeyError } from '../common/database/write-errors';
import { PushSubscription } from './push-subscription.schema';

export type PushSubscriptionRecord = PushSubscription & { _id: Types.ObjectId };

export interface NewPushSubscription {
  endpoint: string;
  userId: string;
  sessionId: string;
  p256dh: string;
  auth: string;
  expiresAt: Date | null;
}

const oid = (id: string) => new Types.ObjectId(id);

@Injectable()
export class PushSubscriptionsRepository {
  constructor(@InjectModel(PushSubscription.name) private readonly subscriptions: Model<PushSubscription>) {}

  /**
   * Registers the endpoint for this user and session, taking it over from whoever held it. Two registrations
   * of one new endpoint can race to insert it; the loser's retry then updates the winner's.
   */
  async upsert(subscription: NewPushSubscription): Promise<PushSubscriptionRecord> {
    const update = {
      $set: {
        userId: oid(subscription.userId),
        sessionId: oid(subscription.sessionId),
        p256dh: subscription.p256dh,
        auth: subscription.auth,
        expiresAt: subscription.expiresAt,
        registeredAt: new Date(),
      },
    };
    const write = () =>
      this.subscriptions
        .findOneAndUpdate({ endpoint: subscription.endpoint }, update, { upsert: true, new: true })
        .lean<PushSubscriptionRecord>()
        .orFail();
    try {
      return await write();
    } catch (error) {
      if (isDuplicateKeyError(error)) {
        return write();
      }
      throw error;
    }
  }

  /** Deletes the user's registrations beyond the `keep` most recent. */
  async trim(userId: string, keep: number): Promise<void> {
    const extra = await this.subscriptions
      .find({ userId: oid(userId) }, { _id: 1 })
      .sort({ registeredAt: -1, _id: -1 })
      .skip(keep)
      .lean<Array<{ _id: Types.ObjectId }>>();
    if (extra.length > 0) {
      await this.subscriptions.deleteMany(byIds(extra.map((row) => row._id)));
    }
  }

  /** Every user holding at least one subscription. */
  async subscribedUserIds(): Promise<string[]> {
    const userIds = await this.subscriptions.distinct<'userId', Types.ObjectId>('userId');
    return userIds.map((userId) => userId.toHexString());
  }

  listOf(userId: string): Promise<PushSubscriptionRecord[]> {
    return this.subscriptions
      .find({ userId: oid(userId) })
      .sort({ registeredAt: -1, _id: -1 })
      .lean<PushSubscriptionRecord[]>();
  }

  ofUsers(userIds: readonly string[]): Promise<PushSubscriptionRecord[]> {
    if (userIds.length === 0) {
      return Promise.resolve([]);
    }
    return this.subscriptions.find({ userId: { $in: userIds.map(oid) } }).lean<PushSubscriptionRecord[]>();
  }

  findByIds(ids: readonly string[]): Promise<PushSubscriptionRecord[]> {
    if (ids.length === 0) {
      return Promise.resolve([]);
    }
    return this.subscriptions.find(byIds(ids.map(oid))).lean<PushSubscriptionRecord[]>();
  }

  async deleteOwn(userId: string, endpoint: string): Promise<void> {
    await this.subscriptions.deleteOne({ endpoint, userId: oid(userId) });
  }

  async deleteOfUser(userId: string): Promise<void> {
    await this.subscriptions.deleteMany({ userId: oid(userId) });
  }

  async deleteOfSessions(sessionIds: readonly string[]): Promise<void> {
    await this.subscriptions.deleteMany({ sessionId: { $in: sessionIds.map(oid) } });
  }

  async deleteByIds(ids: readonly string[]): Promise<void> {
    if (ids.length > 0) {
      await this.subscriptions.deleteMany(byIds(ids.map(oid)));
    }
  }
}
