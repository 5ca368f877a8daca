import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Types } from 'mongoose';
import type { MediaAsset } from '../common/media/media-asset';
import { MessageType } from '../messages/message.schema';

export enum ReportTargetType {
  Message = 'message',
  User = 'user',
  Conversation = 'conversation',
}

export enum ReportReason {
  Spam = 'spam',
  Harassment = 'harassment',
  Hate = 'hate',
  Sexual = 'sexual',
  Violence = 'violence',
  Illegal = 'illegal',
  Other = 'other',
}

export enum ReportStatus {
  Open = 'open',
  Resolved = 'resolved',
}

export enum ModerationAction {
  Dismiss = 'dismiss',
  RemoveMessage = 'remove_message',
  SuspendUser = 'suspend_user',
  BanFromConversation = 'ban_from_conversation',
}

/**
 * An attachment of a reported message: an upload's reference (delivered again through signed URLs when
 * moderators look) with its name sealed, or for one sent as a URL that URL, sealed.
 */
export interface StoredEvidenceAttachment {
  url?: string;
  media?: MediaAsset;
  mimeType: string;
  size: number;
  name: string;
}

/**
 * A message as it stood when it was reported. `content` and attachment URLs are sealed under the report's
 * own AAD (`report:<reportId>|<messageId>|<field>`), so the evidence outlives edits and deletes of the
 * message and cannot be moved to another report.
 */
export interface StoredSnapshot {
  messageId: string;
  seq: number;
  senderId: string;
  type: MessageType;
  content: string | null;
  attachments: StoredEvidenceAttachment[];
  createdAt: Date;
  editedAt: Date | null;
}

export interface StoredResolution {
  action: ModerationAction;
  /** The moderator's own words, for moderators and admins only (never shown to the reporter). */
  reason: string;
  moderatorId: Types.ObjectId;
  durationHours: number | null;
  /** Set when this report was resolved together with another one on the same target. */
  viaReportId: Types.ObjectId | null;
}

@Schema({ collection: 'reports', timestamps: false, versionKey: false })
export class Report {
  @Prop({ type: Types.ObjectId, required: true })
  reporterId!: Types.ObjectId;

  @Prop({ type: String, enum: Object.values(ReportTargetType), required: true })
  targetType!: ReportTargetType;

  @Prop({ type: Types.ObjectId, required: true })
  targetId!: Types.ObjectId;

  /** `<targetType>:<targetId>`: the reports on one target, whoever filed them. */
  @Prop({ type: String, required: true })
  targetKey!: string;

  /** The conversation of a reported message, or the reported conversation; null for a user. */
  @Prop({ type: Types.ObjectId, default: null })
  conversationId!: Types.ObjectId | null;

  /** The reported user, or the reported message's sender; null for a conversation. */
  @Prop({ type: Types.ObjectId, default: null })
  targetUserId!: Types.ObjectId | null;

  @Prop({ type: String, enum: Object.values(ReportReason), required: true })
  reason!: ReportReason;

  /** The reporter's note, sealed like the snapshot (field `note`); null without one. */
  @Prop({ type: String, default: null })
  note!: string | null;

  @Prop({ type: String, enum: Object.values(ReportStatus), required: true })
  status!: ReportStatus;

  /**
   * `open:<reporterId>:<targetKey>` while open, the report's own id once resolved: a unique index on it
   * allows one open report per reporter and target (FerretDB v1 has no partial unique index).
   */
  @Prop({ type: String, required: true })
  openKey!: string;

  @Prop({ type: Object, default: null })
  snapshot!: StoredSnapshot | null;

  /** Messages around the reported one (or a reported conversation's last ones) when it was reported. */
  @Prop({ type: [Object], default: [] })
  context!: StoredSnapshot[];

  @Prop({ type: Date, required: true })
  createdAt!: Date;

  @Prop({ type: Date, default: null })
  resolvedAt!: Date | null;

  @Prop({ type: Object, default: null })
  resolution!: StoredResolution | null;
}

export type ReportRecord = Report & { _id: Types.ObjectId };

export const ReportSchema = SchemaFactory.createForClass(Report);
// One open report per reporter and target (POST /reports answers REPORT_ALREADY_OPEN on a duplicate).
ReportSchema.index({ openKey: 1 }, { unique: true });
// The moderation queue: open reports oldest first.
ReportSchema.index({ status: 1, createdAt: 1, _id: 1 });
// The moderation queue: resolved reports, latest resolution first.
ReportSchema.index({ status: 1, resolvedAt: -1, _id: -1 });
// GET /reports: a reporter's own reports, newest first.
ReportSchema.index({ reporterId: 1, createdAt: -1, _id: -1 });
// Open reports on one target: counted in the queue, resolved together.
ReportSchema.index({ targetKey: 1, status: 1 });
