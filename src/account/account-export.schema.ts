import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Types } from 'mongoose';

export enum ExportState {
  Pending = 'pending',
  Ready = 'ready',
  Failed = 'failed',
  /** The link expired and the archive was deleted. */
  Expired = 'expired',
}

/** One data export a user asked for (`POST /users/me/export`); its archive lives in `ExportChunk`s. */
@Schema({ collection: 'account_exports', versionKey: false })
export class AccountExport {
  // The user's latest export (GET /users/me/export) and deletion's cleanup.
  @Prop({ type: Types.ObjectId, required: true, index: true })
  userId!: Types.ObjectId;

  @Prop({ type: String, enum: Object.values(ExportState), required: true })
  state!: ExportState;

  @Prop({ type: Date, required: true })
  requestedAt!: Date;

  @Prop({ type: Date, default: null })
  readyAt!: Date | null;

  /** When the download link and the archive expire (set when ready). */
  @Prop({ type: Date, default: null })
  expiresAt!: Date | null;

  /** Size of the gzipped archive. */
  @Prop({ type: Number, default: 0 })
  bytes!: number;

  @Prop({ type: Number, default: 0 })
  chunks!: number;
}

export const AccountExportSchema = SchemaFactory.createForClass(AccountExport);

/**
 * A slice of an export's gzipped archive. Plain documents keyed `<exportId>:<n>` rather than GridFS, which
 * FerretDB v1 lacks; the `_id` alone finds each one, the cheapest read on every store.
 */
@Schema({ collection: 'account_export_chunks', versionKey: false })
export class ExportChunk {
  @Prop({ type: String })
  _id!: string;

  @Prop({ type: Types.ObjectId, required: true, index: true }) // deleting an export's chunks
  exportId!: Types.ObjectId;

  @Prop({ type: Buffer, required: true })
  data!: Buffer;
}

export const ExportChunkSchema = SchemaFactory.createForClass(ExportChunk);
