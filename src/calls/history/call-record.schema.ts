import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Types } from 'mongoose';
import type { CallEndReason, CallType } from '../../realtime/server-events';

/** One device's time in a call. */
export interface StoredParticipation {
  userId: string;
  deviceId: string;
  joinedAt: Date;
  leftAt: Date;
}

/**
 * One ended call (`_id` = its callId): written once, from the ended state's snapshot, by the `record-call`
 * job. User ids are hex strings, as in messages' mentions.
 */
@Schema({ collection: 'calls', versionKey: false })
export class CallRecord {
  @Prop({ type: Types.ObjectId, required: true })
  conversationId!: Types.ObjectId;

  @Prop({ type: String, enum: ['direct', 'group'], required: true })
  kind!: 'direct' | 'group';

  @Prop({ type: String, enum: ['audio', 'video'], required: true })
  type!: CallType;

  @Prop({ type: String, required: true })
  initiatorId!: string;

  /** Every member it rang (never the initiator). */
  @Prop({ type: [String], default: [] })
  invitedUserIds!: string[];

  /** The initiator, the invitees and anyone who joined later: whose call list shows it. */
  @Prop({ type: [String], default: [] })
  userIds!: string[];

  @Prop({ type: [Object], default: [] })
  participants!: StoredParticipation[];

  /** When the call was started (rung). */
  @Prop({ type: Date, required: true })
  startedAt!: Date;

  @Prop({ type: Date, default: null })
  answeredAt!: Date | null;

  @Prop({ type: Date, required: true })
  endedAt!: Date;

  @Prop({ type: String, required: true })
  endReason!: CallEndReason;

  @Prop({ type: String, default: null })
  endedBy!: string | null;

  /** From the first answer to the end; null when nobody answered. */
  @Prop({ type: Number, default: null })
  durationSeconds!: number | null;

  @Prop({ type: [String], default: [] })
  missedUserIds!: string[];

  @Prop({ type: [String], default: [] })
  rejectedUserIds!: string[];

  /** The call's `call` message, once posted. */
  @Prop({ type: Types.ObjectId, default: null })
  messageId!: Types.ObjectId | null;
}

export type CallRecordDocument = CallRecord & { _id: Types.ObjectId };

export const CallRecordSchema = SchemaFactory.createForClass(CallRecord);
// GET /calls: a user's calls, newest first.
CallRecordSchema.index({ userIds: 1, startedAt: -1, _id: -1 });
// GET /conversations/:id/calls: a conversation's calls, newest first.
CallRecordSchema.index({ conversationId: 1, startedAt: -1, _id: -1 });
