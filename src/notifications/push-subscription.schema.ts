import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Types } from 'mongoose';

/** A browser's Web Push subscription, registered by one signed-in session. */
@Schema({ collection: 'push_subscriptions', timestamps: false, versionKey: false })
export class PushSubscription {
  /**
   * The push service URL; unique, so registering it again (another account or session on the same browser)
   * moves it instead of adding a second one.
   */
  @Prop({ type: String, required: true, unique: true })
  endpoint!: string;

  // The push job loads the subscriptions of the members to push; the list and the per-user cap read them too.
  @Prop({ type: Types.ObjectId, required: true, index: true })
  userId!: Types.ObjectId;

  // A revoked session's subscriptions are deleted (logout): a signed-out device gets no more pushes.
  @Prop({ type: Types.ObjectId, required: true, index: true })
  sessionId!: Types.ObjectId;

  /** The browser's ECDH public key (P-256, uncompressed, URL-safe base64): pushes are encrypted to it. */
  @Prop({ type: String, required: true })
  p256dh!: string;

  /** The browser's 16-byte auth secret (URL-safe base64). Never returned by the API. */
  @Prop({ type: String, required: true })
  auth!: string;

  @Prop({ type: Date, default: null })
  expiresAt!: Date | null;

  /** Last time it was registered; the oldest registrations make room when a user reaches the cap. */
  @Prop({ type: Date, required: true })
  registeredAt!: Date;
}

export const PushSubscriptionSchema = SchemaFactory.createForClass(PushSubscription);
