import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Types } from 'mongoose';
import { MemberRole } from '../realtime/server-events';
import { NotifyLevel } from './notification-preferences';

// Declared with the socket payloads that name it (realtime/server-events.ts), re-exported beside the
// schema that stores it.
export { MemberRole };

/**
 * A membership's `_id` is `<conversationId>:<userId>`: the pair is unique by construction, and every
 * single-member read or write (membership checks, receipt pointers, role, mute) is an `_id` lookup, the
 * cheapest query on MongoDB and the only filter FerretDB v1's SQLite backend answers without a scan.
 */
export const membershipId = (conversationId: string, userId: string): string => `${conversationId}:${userId}`;

/**
 * One user's place in one conversation, with their read pointer (it only moves forward). Delivered pointers
 * live in `DeliveryPointers`, one document per conversation.
 */
@Schema({ collection: 'memberships', timestamps: true })
export class Membership {
  @Prop({ type: String })
  _id!: string;

  @Prop({ type: Types.ObjectId, required: true })
  conversationId!: Types.ObjectId;

  // A user's memberships (loaded into the member cache): a socket joins the rooms of all of them.
  @Prop({ type: Types.ObjectId, required: true, index: true })
  userId!: Types.ObjectId;

  @Prop({ type: String, enum: Object.values(MemberRole), required: true })
  role!: MemberRole;

  /** Position within the batch that added the member (they share `createdAt`): the creator comes first. */
  @Prop({ type: Number, default: 0 })
  joinOrder!: number;

  @Prop({ type: Boolean, default: false })
  muted!: boolean;

  /** When a mute ends by itself; null while muted means until the member unmutes. */
  @Prop({ type: Date, default: null })
  mutedUntil?: Date | null;

  @Prop({ type: String, enum: Object.values(NotifyLevel), default: NotifyLevel.All })
  notify?: NotifyLevel;

  @Prop({ type: Number, default: 0 })
  readSeq!: number;

  @Prop({ type: Date })
  readAt?: Date;

  createdAt!: Date;
  updatedAt!: Date;
}

export const MembershipSchema = SchemaFactory.createForClass(Membership);
// The member list of a conversation, in joining order.
MembershipSchema.index({ conversationId: 1, createdAt: 1, joinOrder: 1 });
