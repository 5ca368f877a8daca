import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Types } from 'mongoose';

/**
 * One audit record. Append-only: records are inserted, and deleted by the retention sweep only. Every
 * field is always present (null when unknown), as `AuditRepository` writes them.
 */
@Schema({ collection: 'audit_records', versionKey: false })
export class AuditRecord {
  @Prop({ type: Date, required: true })
  at!: Date;

  /** The user who acted; null for an anonymous attempt (a failed sign-in) or an operator command. */
  @Prop({ type: Types.ObjectId, default: null })
  actorId!: Types.ObjectId | null;

  @Prop({ type: String, default: null })
  actorRole!: string | null;

  @Prop({ type: String, required: true })
  action!: string;

  @Prop({ type: String, default: null })
  targetType!: string | null;

  /** A hex id: of a user or a session, or an email fingerprint (`targetType` says which). */
  @Prop({ type: String, default: null })
  targetId!: string | null;

  @Prop({ type: String, default: null })
  ip!: string | null;

  @Prop({ type: String, default: null })
  userAgent!: string | null;

  @Prop({ type: String, default: null })
  requestId!: string | null;

  /** Small flat values about the action (a provider, a new role, a reason code); never secrets. */
  @Prop({ type: Object, default: {} })
  details!: Record<string, string | number | boolean | null>;
}

export const AuditRecordSchema = SchemaFactory.createForClass(AuditRecord);
// GET /admin/audit without actorId, targetId or action (newest first, `_id` breaking ties), and the
// retention sweep's `at < cutoff`.
AuditRecordSchema.index({ at: -1, _id: -1 });
// GET /admin/audit?actorId=: one user's actions, newest first.
AuditRecordSchema.index({ actorId: 1, at: -1, _id: -1 });
// GET /admin/audit?targetId=: what was done to one user, session or address, newest first.
AuditRecordSchema.index({ targetId: 1, at: -1, _id: -1 });
// GET /admin/audit?action=: one kind of action (every failed sign-in), newest first.
AuditRecordSchema.index({ action: 1, at: -1, _id: -1 });
