import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Types } from 'mongoose';
import { CallMessageInfo, MessageType } from '../realtime/server-events';
import type { AttachmentRef } from './attachment-store';

// Declared with the socket payloads that name it (realtime/server-events.ts), re-exported beside the
// schema that stores it.
export { MessageType };

/** An attachment sent as a URL, before uploads were referenced; `url` is encrypted like the content. */
export interface LegacyAttachment {
  url: string;
  mimeType: string;
  size: number;
  name: string;
  width?: number;
  height?: number;
  durationMs?: number;
}

/** An upload attached by reference, with its metadata as it was sent; `name` is encrypted like the content. */
export type ReferencedAttachment = AttachmentRef;

export type StoredAttachment = LegacyAttachment | ReferencedAttachment;

export function isReferenced(attachment: StoredAttachment): attachment is ReferencedAttachment {
  return 'uploadId' in attachment;
}

export interface StoredReaction {
  emoji: string;
  userId: string;
}

@Schema({ collection: 'messages', timestamps: false, versionKey: false })
export class Message {
  @Prop({ type: Types.ObjectId, required: true })
  conversationId!: Types.ObjectId;

  @Prop({ type: Number, required: true })
  seq!: number;

  /** Taken from the ChangeClock on every change (send, edit, delete, reaction); /sync reads changes by it. */
  @Prop({ type: Number, required: true })
  changeSeq!: number;

  @Prop({ type: Types.ObjectId, required: true })
  senderId!: Types.ObjectId;

  @Prop({ type: String, required: true })
  clientMessageId!: string;

  @Prop({ type: String, enum: Object.values(MessageType), required: true })
  type!: MessageType;

  /** Ciphertext (see Keyring); null once deleted. */
  @Prop({ type: String, default: null })
  content!: string | null;

  @Prop({ type: [Object], default: [] })
  attachments!: StoredAttachment[];

  @Prop({ type: Types.ObjectId, default: null })
  replyTo!: Types.ObjectId | null;

  @Prop({ type: [String], default: [] })
  mentions!: string[];

  /** Flat pairs, one per user and emoji ($addToSet keeps them unique); grouped in responses. */
  @Prop({ type: [Object], default: [] })
  reactions!: StoredReaction[];

  @Prop({ type: Date, default: null })
  editedAt!: Date | null;

  @Prop({ type: Date, default: null })
  deletedAt!: Date | null;

  /** Set on a tombstone a moderator made (a resolved report), not its sender or a group admin. */
  @Prop({ type: String, enum: ['moderation'], required: false })
  removedBy?: 'moderation';

  /** On a `call` message only: the call it stands for (ids and numbers, nothing sealed). */
  @Prop({ type: Object, required: false })
  call?: CallMessageInfo;

  @Prop({ type: Date, required: true })
  createdAt!: Date;

  @Prop({ type: Date, required: true })
  changedAt!: Date;
}

export const MessageSchema = SchemaFactory.createForClass(Message);
// Ordering: one message per seq per conversation; also serves history pages (before/after a seq).
MessageSchema.index({ conversationId: 1, seq: 1 }, { unique: true });
// Idempotency: a sender's clientMessageId is stored once. The `_id` derives from it too (messageIdFor), which is
// what resends collide on; this index keeps the rule whatever the id.
MessageSchema.index({ senderId: 1, clientMessageId: 1 }, { unique: true });
// /sync: the changes of a conversation after a change position.
MessageSchema.index({ conversationId: 1, changeSeq: 1 });
