import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Types } from 'mongoose';

export const OAUTH_PROVIDERS = ['google', 'github'] as const;
export type OAuthProvider = (typeof OAUTH_PROVIDERS)[number];

/** One external login of a user. A user may hold one identity per provider. */
@Schema({ collection: 'identities' })
export class Identity {
  @Prop({ type: Types.ObjectId, required: true, index: true }) // findByUser: account responses, unlink
  userId!: Types.ObjectId;

  @Prop({ type: String, required: true, enum: OAUTH_PROVIDERS })
  provider!: OAuthProvider;

  /** The provider's stable subject id; never the email, which an account owner can change. */
  @Prop({ type: String, required: true })
  providerUserId!: string;

  @Prop({ type: String })
  email?: string;

  @Prop({ type: Boolean, required: true })
  emailVerified!: boolean;

  @Prop({ type: Date, required: true })
  linkedAt!: Date;
}

export const IdentitySchema = SchemaFactory.createForClass(Identity);
// Login looks an identity up by (provider, providerUserId); unique so one provider account maps to one user.
IdentitySchema.index({ provider: 1, providerUserId: 1 }, { unique: true });
// One identity per provider and user: linking a second Google account is refused, not silently added.
IdentitySchema.index({ userId: 1, provider: 1 }, { unique: true });
