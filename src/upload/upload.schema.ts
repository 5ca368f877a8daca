import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { HydratedDocument, Types } from 'mongoose';
import { MediaDeliveryType, MediaKind, MediaResourceType } from '../common/media/media-asset';

/** The message an upload was attached to; set once, when the message is sent. */
export interface UploadAttachment {
  conversationId: Types.ObjectId;
  messageId: Types.ObjectId;
}

/**
 * One file stored at Cloudinary on behalf of a user, with what a message attachment needs to show it
 * (docs/media.md#the-upload-record). Never a URL: delivery URLs are signed when they are handed out.
 */
@Schema({ collection: 'uploads', timestamps: { createdAt: true, updatedAt: false }, versionKey: false })
export class Upload {
  // Lookups by id check the owner too (the _id index serves them); this one serves listByOwner (export,
  // account deletion).
  @Prop({ type: Types.ObjectId, required: true, index: true })
  owner!: Types.ObjectId;

  /** Cloudinary's id (folder included); unique: one record per stored asset. */
  @Prop({ type: String, required: true, unique: true })
  publicId!: string;

  /** `image`, `video` or `raw`: Cloudinary needs it to deliver and destroy the asset. */
  @Prop({ type: String, required: true })
  resourceType!: MediaResourceType;

  /** `authenticated` for every new asset; legacy records (absent) were public `upload` assets. */
  @Prop({ type: String })
  deliveryType?: MediaDeliveryType;

  /** Cloudinary's format (jpg, png, mp4, webm, pdf…); null for raw files. */
  @Prop({ type: String, default: null })
  format?: string | null;

  @Prop({ type: String })
  kind?: MediaKind;

  /** Recognised from the bytes, never taken from the client. */
  @Prop({ type: String })
  mimeType?: string;

  @Prop({ type: Number, required: true })
  bytes!: number;

  /** The sanitized original name. */
  @Prop({ type: String })
  name?: string;

  @Prop({ type: Number })
  width?: number;

  @Prop({ type: Number })
  height?: number;

  @Prop({ type: Number })
  durationMs?: number;

  @Prop({ type: String })
  blurhash?: string;

  /** Voice notes: base64 of 64 peak levels (0-255). */
  @Prop({ type: String })
  waveform?: string;

  /** Legacy records only: the public URL uploads answered before delivery URLs were signed. */
  @Prop({ type: String })
  url?: string;

  @Prop({ type: Object, default: null })
  attachedTo?: UploadAttachment | null;

  createdAt!: Date;
}

export type UploadDocument = HydratedDocument<Upload>;
export const UploadSchema = SchemaFactory.createForClass(Upload);
// The orphan sweep reads unattached uploads by age (listUnattachedBefore).
UploadSchema.index({ attachedTo: 1, createdAt: 1 });
