import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { DeliveryUrls } from '../common/media/delivery-urls';
import { MediaKind } from '../common/media/media-asset';
import type { AttachmentMetadata } from '../realtime/server-events';
import { UploadRecord } from './uploads.repository';

/**
 * What the client says the upload is for, when it is not an ordinary attachment: a voice note, or a profile
 * or group photo (`avatar`: an image kept public, as avatars are shown wherever the person or group is).
 */
export const uploadPurposeSchema = z.enum(['voice', 'avatar']);
export type UploadPurpose = z.infer<typeof uploadPurposeSchema>;

export const uploadQuerySchema = z.object({ kind: uploadPurposeSchema.optional() }).strict();
export class UploadQueryDto extends createZodDto(uploadQuerySchema) {}

/**
 * What POST /uploads answers, and what every message response carries per attachment (AttachmentResponse,
 * docs/media.md): the upload's id to send it with, its metadata for placeholders, and signed URLs.
 */
export interface UploadResponse extends DeliveryUrls, AttachmentMetadata {
  uploadId: string;
  kind: MediaKind;
}

/** Maps a new upload's record to its response; `urls` signed for it (null: uploads are off). */
export function toUploadResponse(record: UploadRecord, urls: DeliveryUrls | null): UploadResponse {
  return {
    uploadId: record._id.toHexString(),
    kind: record.kind ?? 'file',
    mimeType: record.mimeType ?? 'application/octet-stream',
    size: record.bytes,
    name: record.name ?? 'file',
    ...defined({
      width: record.width,
      height: record.height,
      durationMs: record.durationMs,
      blurhash: record.blurhash,
      waveform: record.waveform,
    }),
    url: urls?.url ?? '',
    ...defined({
      thumbnailUrl: urls?.thumbnailUrl,
      previewUrl: urls?.previewUrl,
      urlExpiresAt: urls?.urlExpiresAt,
    }),
  };
}

/** The fields that have a value (a response leaves the others out rather than sending null). */
function defined<T extends object>(fields: T): Partial<T> {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)) as Partial<T>;
}
