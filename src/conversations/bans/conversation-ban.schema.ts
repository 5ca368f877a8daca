import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Types } from 'mongoose';

/** Like a membership's, a ban's `_id` is `<conversationId>:<userId>`: the add-member check is an `_id` lookup. */
export const banId = (conversationId: string, userId: string): string => `${conversationId}:${userId}`;

/** A user kept out of a group until unbanned. */
@Schema({ collection: 'conversation_bans', timestamps: { createdAt: true, updatedAt: false } })
export class ConversationBan {
  @Prop({ type: String })
  _id!: string;

  // The ban list of one conversation (GET /conversations/:id/bans, owners and admins only).
  @Prop({ type: Types.ObjectId, required: true, index: true })
  conversationId!: Types.ObjectId;

  @Prop({ type: Types.ObjectId, required: true })
  userId!: Types.ObjectId;

  /** Who banned; null for a platform moderator or admin acting on a report without being named here. */
  @Prop({ type: Types.ObjectId, default: null })
  bannedBy!: Types.ObjectId | null;

  @Prop({ type: String })
  reason?: string;

  createdAt!: Date;
}

export const ConversationBanSchema = SchemaFactory.createForClass(ConversationBan);
