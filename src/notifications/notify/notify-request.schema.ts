import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Types } from 'mongoose';
import { NotifyChannel, NotifyStatus } from './notify.dto';

/**
 * One `POST /notify` of a service. Its `_id` is derived from the API key and the idempotency key
 * (`notifyRequestIdFor`), so the insert itself settles a race between two sends of one request. The fan-out
 * jobs carry only this id and a batch number; the text stays here.
 */
@Schema({ collection: 'notify_requests', versionKey: false })
export class NotifyRequest {
  @Prop({ type: Types.ObjectId, required: true })
  apiKeyId!: Types.ObjectId;

  @Prop({ type: String, required: true })
  idempotencyKey!: string;

  /** SHA-256 of the request's canonical body (`requestFingerprint`): a resend must match it. */
  @Prop({ type: String, required: true })
  fingerprint!: string;

  @Prop({ type: String, required: true })
  title!: string;

  @Prop({ type: String, required: true })
  body!: string;

  @Prop({ type: Object, default: null })
  data!: Record<string, unknown> | null;

  @Prop({ type: [String], enum: Object.values(NotifyChannel), required: true })
  channels!: NotifyChannel[];

  /** The recipients that exist, in the order asked; batch `n` is the `n`th slice of `NOTIFY_BATCH_SIZE`. */
  @Prop({ type: [Types.ObjectId], required: true })
  recipients!: Types.ObjectId[];

  @Prop({ type: [String], required: true })
  unknownUserIds!: string[];

  /** Distinct ids asked for: recipients and unknown ones. */
  @Prop({ type: Number, required: true })
  total!: number;

  @Prop({ type: Number, required: true })
  batches!: number;

  /** The batches done, each counted once however often its job ran. */
  @Prop({ type: [Number], default: [] })
  doneBatches!: number[];

  @Prop({ type: Number, default: 0 })
  delivered!: number;

  @Prop({ type: String, enum: Object.values(NotifyStatus), required: true })
  status!: NotifyStatus;

  @Prop({ type: Date, required: true })
  createdAt!: Date;

  @Prop({ type: Date, default: null })
  completedAt!: Date | null;
}

export const NotifyRequestSchema = SchemaFactory.createForClass(NotifyRequest);
