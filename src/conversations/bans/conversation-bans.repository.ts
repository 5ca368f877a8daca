import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model, Types } from 'mongoose';
import { banId, ConversationBan } from './conversation-ban.schema';

export type ConversationBanRecord = ConversationBan;

const LIST_LIMIT = 1000;

@Injectable()
export class ConversationBansRepository {
  constructor(@InjectModel(ConversationBan.name) private readonly bans: Model<ConversationBan>) {}

  /** Stores the ban, or replaces the reason and author of an existing one. */
  async upsert(ban: { conversationId: string; userId: string; bannedBy: string | null; reason?: string }) {
    const _id = banId(ban.conversationId, ban.userId);
    return this.bans
      .findOneAndUpdate(
        { _id },
        {
          $set: {
            conversationId: new Types.ObjectId(ban.conversationId),
            userId: new Types.ObjectId(ban.userId),
            bannedBy: ban.bannedBy ? new Types.ObjectId(ban.bannedBy) : null,
            reason: ban.reason,
          },
          $setOnInsert: { createdAt: new Date() },
        },
        { upsert: true, new: true, timestamps: false },
      )
      .lean<ConversationBanRecord>()
      .exec();
  }

  async remove(conversationId: string, userId: string): Promise<boolean> {
    const result = await this.bans.deleteOne({ _id: banId(conversationId, userId) }).exec();
    return result.deletedCount === 1;
  }

  /** Which of these users are banned from the conversation (one `_id` lookup each, in one query). */
  async bannedAmong(conversationId: string, userIds: readonly string[]): Promise<string[]> {
    const rows = await this.bans
      .find({ _id: { $in: userIds.map((userId) => banId(conversationId, userId)) } }, { userId: 1 })
      .lean<Array<{ userId: Types.ObjectId }>>()
      .exec();
    return rows.map((row) => row.userId.toHexString());
  }

  list(conversationId: string): Promise<ConversationBanRecord[]> {
    return this.bans
      .find({ conversationId: new Types.ObjectId(conversationId) })
      .sort({ createdAt: 1 })
      .limit(LIST_LIMIT)
      .lean<ConversationBanRecord[]>()
      .exec();
  }
}
