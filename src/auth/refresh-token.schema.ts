import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Types } from 'mongoose';

/**
 * Every refresh token a session was ever given, by SHA-256 (the token itself is never stored). A retired
 * token presented again identifies its session, which is then revoked (reuse detection).
 */
@Schema({ collection: 'refresh_tokens', versionKey: false })
export class RefreshToken {
  /** SHA-256 of the token, hex. */
  @Prop({ type: String, required: true })
  _id!: string;

  // Revoking a session retires its tokens.
  @Prop({ type: Types.ObjectId, required: true, index: true })
  sessionId!: Types.ObjectId;

  @Prop({ type: Date, required: true })
  issuedAt!: Date;

  @Prop({ type: Date, default: null })
  retiredAt!: Date | null;
}

export const RefreshTokenSchema = SchemaFactory.createForClass(RefreshToken);
