import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { HydratedDocument, Types } from 'mongoose';

/** One file stored at Cloudinary on behalf of a user; kept so its owner can delete it there. */
@Schema({ collection: 'uploads', timestamps: { createdAt: true, updatedAt: false }, versionKey: false })
export class Upload {
  // DELETE /uploads/:id reads by _id and owner together, so the _id index serves it.
  @Prop({ type: Types.ObjectId, required: true })
  owner!: Types.ObjectId;

  /** Cloudinary's id (folder included); unique: one record per stored asset. */
  @Prop({ type: String, required: true, unique: true })
  publicId!: string;

  /** `image`, `video` or `raw`: Cloudinary needs it to destroy the asset. */
  @Prop({ type: String, required: true })
  resourceType!: string;

  @Prop({ type: String, required: true })
  url!: string;

  @Prop({ type: Number, required: true })
  bytes!: number;

  createdAt!: Date;
}

export type UploadDocument = HydratedDocument<Upload>;
export const UploadSchema = SchemaFactory.createForClass(Upload);
