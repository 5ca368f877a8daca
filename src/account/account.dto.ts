import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { objectIdSchema } from '../common/validation/object-id';
import { UserStatus } from '../users/user.schema';
import { AccountExportRecord } from './account-exports.repository';
import { ExportState } from './account-export.schema';

export const DeleteAccountSchema = z.strictObject({ password: z.string().min(1).max(1024).optional() });
export class DeleteAccountDto extends createZodDto(DeleteAccountSchema) {}

export const ExportIdParamSchema = z.strictObject({ exportId: objectIdSchema });
export class ExportIdParamDto extends createZodDto(ExportIdParamSchema) {}

export const ExportDownloadQuerySchema = z.strictObject({
  expires: z.coerce.number().int().min(0).max(99_999_999_999),
  signature: z.string().min(1).max(128),
});
export class ExportDownloadQueryDto extends createZodDto(ExportDownloadQuerySchema) {}

export interface ExportResponse {
  id: string;
  state: ExportState;
  requestedAt: string;
  readyAt: string | null;
  expiresAt: string | null;
  /** Size of the gzipped archive; 0 until ready. */
  bytes: number;
  /** The signed download link, while the export is ready and its link has not expired. */
  downloadUrl: string | null;
}

export function toExportResponse(record: AccountExportRecord, downloadUrl: string | null): ExportResponse {
  return {
    id: record._id.toHexString(),
    state: record.state,
    requestedAt: record.requestedAt.toISOString(),
    readyAt: record.readyAt?.toISOString() ?? null,
    expiresAt: record.expiresAt?.toISOString() ?? null,
    bytes: record.bytes,
    downloadUrl,
  };
}

export interface DeletionResponse {
  /** `deleting` while the erasure job runs, `deleted` once it finished. */
  state: UserStatus.Deleting | UserStatus.Deleted;
}
