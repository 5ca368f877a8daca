import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { HydratedDocument, Types } from 'mongoose';

/** One logged-in device. Its id is the `sid` claim of every access token issued to it. */
@Schema({ collection: 'sessions', timestamps: { createdAt: true, updatedAt: false } })
export class Session {
  // Lists a user's sessions (GET /auth/sessions) and ends them all (logout-all).
  @Prop({ type: Types.ObjectId, required: true, index: true })
  userId!: Types.ObjectId;

  /** SHA-256 of the current refresh token; the token itself is never stored. */
  @Prop({ type: String, required: true, unique: true })
  refreshTokenHash!: string;

  @Prop({ type: Date, required: true })
  expiresAt!: Date;

  @Prop({ type: String, default: '' })
  deviceLabel!: string;

  @Prop({ type: String, default: '' })
  ip!: string;

  @Prop({ type: Date, required: true })
  lastUsedAt!: Date;

  @Prop({ type: Date })
  revokedAt?: Date;

  createdAt!: Date;
}

export type SessionDocument = HydratedDocument<Session>;
export const SessionSchema = SchemaFactory.createForClass(Session);
