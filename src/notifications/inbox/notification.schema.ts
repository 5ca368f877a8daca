import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Types } from 'mongoose';
import { MemberRole, NotificationKind } from '../../realtime/server-events';

/**
 * One inbox entry of one user: the events of one kind and group key (a reacted-to message, a conversation's
 * mentions, ...) that arrived while it was unread. Holds ids and names of things, never message text
 * (messages are encrypted at rest; an entry is not).
 */
@Schema({ collection: 'notifications', versionKey: false })
export class Notification {
  @Prop({ type: Types.ObjectId, required: true })
  userId!: Types.ObjectId;

  @Prop({ type: String, required: true })
  kind!: NotificationKind;

  @Prop({ type: String, required: true })
  groupKey!: string;

  /**
   * `<userId>:<groupKey>` while unread, the entry's own id once read: the unique index then admits one
   * unread entry per user and group key, which the next event grows (FerretDB v1 has no partial index).
   * A user id and a group key always hold a `:`, an id never does, so the two forms cannot collide.
   */
  @Prop({ type: String, required: true })
  openKey!: string;

  /** Digests of the events aggregated (a job retry names the same source again and counts once). */
  @Prop({ type: [String], default: [] })
  sourceIds!: string[];

  /** `sourceIds.length`, kept beside it so lists need not read the array. */
  @Prop({ type: Number, required: true })
  count!: number;

  /** Distinct actors, in the order they first acted. */
  @Prop({ type: [String], default: [] })
  actorIds!: string[];

  /** Who acted last: shown first. */
  @Prop({ type: String, default: null })
  latestActorId!: string | null;

  @Prop({ type: Types.ObjectId, default: null })
  conversationId!: Types.ObjectId | null;

  @Prop({ type: String, default: null })
  messageId!: string | null;

  @Prop({ type: String, default: null })
  emoji!: string | null;

  @Prop({ type: String, default: null })
  role!: MemberRole | null;

  @Prop({ type: String, default: null })
  title!: string | null;

  @Prop({ type: String, default: null })
  body!: string | null;

  @Prop({ type: Object, default: null })
  data!: Record<string, unknown> | null;

  @Prop({ type: Date, required: true })
  createdAt!: Date;

  /** The latest event aggregated: lists are newest first by this, so a growing entry moves up. */
  @Prop({ type: Date, required: true })
  updatedAt!: Date;

  @Prop({ type: Date, default: null })
  readAt!: Date | null;
}

export type NotificationRecord = Notification & { _id: Types.ObjectId };

export const NotificationSchema = SchemaFactory.createForClass(Notification);
// One unread entry per user and group key (InboxRepository.upsert aggregates into it).
NotificationSchema.index({ openKey: 1 }, { unique: true });
// GET /notifications: a user's entries newest first, and their unread count.
NotificationSchema.index({ userId: 1, updatedAt: -1, _id: -1 });
// The retention sweep: entries untouched since the cutoff.
NotificationSchema.index({ updatedAt: 1 });
