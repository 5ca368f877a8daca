import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Types } from 'mongoose';

export enum ConversationKind {
  Direct = 'direct',
  Group = 'group',
}

/** The newest message, copied onto the conversation so the list needs no join. */
export class LastMessage {
  id!: string;
  seq!: number;
  senderId!: string;
  type!: string;
  /** Ciphertext of the content, like the message's own (same AAD), or empty for attachments only. */
  preview!: string;
  createdAt!: Date;
}

@Schema({ collection: 'conversations', timestamps: true })
export class Conversation {
  @Prop({ type: String, enum: Object.values(ConversationKind), required: true })
  kind!: ConversationKind;

  /**
   * Direct chats: `direct:<smaller user id>:<larger user id>`, unique, so two users racing to open a chat
   * with each other get the same one. Groups hold `group:<id>` (FerretDB v1 has no partial indexes).
   */
  @Prop({ type: String, required: true, unique: true })
  pairKey!: string;

  @Prop({ type: String })
  title?: string;

  @Prop({ type: String })
  avatarUrl?: string;

  /** Kept beside the members so the size limit is one conditional update, safe under concurrent adds. */
  @Prop({ type: Number, required: true })
  memberCount!: number;

  @Prop({ type: Number, default: 0 })
  lastSeq!: number;

  @Prop({ type: Object })
  lastMessage?: LastMessage;

  /**
   * Each sender's newest message seq (user id -> seq), in conversations of up to SENDER_SEQS_MAX_MEMBERS
   * members. Sending a message reads the conversation up to it, so a member's read pointer is the higher of
   * this and their membership's `readSeq` (see `readPointerOf`); kept here, it moves in the last-message
   * update, with no write of its own. Its time is that message's `createdAt`, read only for receipts: a time
   * per member here would make every update larger (docs/performance.md#conversation-update).
   */
  @Prop({ type: Object })
  sentUpTo?: Record<string, number>;

  /**
   * Each recipient's delivered pointer as moved by the messages themselves (user id -> seq), in
   * conversations of up to DELIVERED_WITH_MESSAGE_MAX_MEMBERS members: the recipients online when a message
   * is sent have it on a device once it is announced, so the last-message update records that too, with no
   * write of its own (and its time is that message's `createdAt`, as for `sentUpTo`). A member's delivered
   * pointer is the highest of this, their entry in the conversation's `delivery_pointers` document (connect
   * catch-up, larger conversations) and their read pointer.
   */
  @Prop({ type: Object })
  deliveredUpTo?: Record<string, number>;

  /**
   * Last time a member left or was removed. /sync reads it (through `pointersChangedSince`) because a removal
   * leaves no membership document behind; additions and role changes show in the memberships' `updatedAt`.
   */
  @Prop({ type: Date })
  membersChangedAt?: Date;

  // GET /conversations sorts a user's conversations by this, newest first.
  @Prop({ type: Date, required: true, index: true })
  lastActivityAt!: Date;

  @Prop({ type: Types.ObjectId, required: true })
  createdBy!: Types.ObjectId;

  createdAt!: Date;
  updatedAt!: Date;
}

export const ConversationSchema = SchemaFactory.createForClass(Conversation);
