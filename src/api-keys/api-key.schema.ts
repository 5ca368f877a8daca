import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Types } from 'mongoose';

/** What a key may do; each API-key route requires one scope. */
export enum ApiKeyScope {
  /** `POST /notify` and `GET /notify/:id`. */
  NotifySend = 'notify:send',
}

/**
 * A service's API key. The key itself is shown once, at creation, and never stored: only its secret's
 * SHA-256 (`api-key-secret.ts`). Keys are revoked, never deleted, so audit records and notify requests
 * keep naming a key that exists.
 */
@Schema({ collection: 'api_keys', versionKey: false })
export class ApiKey {
  @Prop({ type: String, required: true })
  name!: string;

  @Prop({ type: [String], enum: Object.values(ApiKeyScope), required: true })
  scopes!: ApiKeyScope[];

  /** SHA-256 of the secret, in hex. */
  @Prop({ type: String, required: true })
  secretHash!: string;

  /** The admin who created it. */
  @Prop({ type: Types.ObjectId, required: true })
  createdBy!: Types.ObjectId;

  @Prop({ type: Date, required: true })
  createdAt!: Date;

  @Prop({ type: Date, default: null })
  expiresAt!: Date | null;

  /** Written at most once a minute per key (`API_KEY_LAST_USED_PRECISION_MS`). */
  @Prop({ type: Date, default: null })
  lastUsedAt!: Date | null;

  @Prop({ type: Date, default: null })
  revokedAt!: Date | null;
}

export const ApiKeySchema = SchemaFactory.createForClass(ApiKey);
// GET /admin/api-keys: newest first.
ApiKeySchema.index({ createdAt: -1, _id: -1 });
