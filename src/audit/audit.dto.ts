import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { cursorTimestampSchema } from '../common/pagination/cursor';
import { AuditRecordPayload } from '../common/queue/jobs';
import { objectIdSchema } from '../common/validation/object-id';
import { AuditAction } from './audit-action';
import { AuditRecordRow } from './audit.repository';

const isoDateTime = z.iso.datetime({ offset: true }).transform((value) => new Date(value));

export const auditQuerySchema = z
  .strictObject({
    actorId: objectIdSchema.optional(),
    action: z.enum(AuditAction).optional(),
    targetId: objectIdSchema.optional(),
    from: isoDateTime.optional(),
    to: isoDateTime.optional(),
    cursor: z.string().max(200).optional(),
    limit: z.coerce.number().int().min(1).max(100).default(50),
  })
  .refine((query) => !query.from || !query.to || query.from <= query.to, {
    path: ['from'],
    message: 'must not be after to',
  });
export class AuditQueryDto extends createZodDto(auditQuerySchema) {}

/** A page cursor's key: the last record's `at` (epoch ms, as a Date holds it) and `_id`. */
export const auditCursorKeySchema = z.strictObject({
  t: cursorTimestampSchema,
  id: z.string().regex(/^[a-f\d]{24}$/),
});

/** A record as admins read it: the same JSON its queued write carries (ids as hex, times as ISO 8601). */
export type AuditRecordResponse = AuditRecordPayload;

export interface AuditPage {
  items: AuditRecordResponse[];
  nextCursor: string | null;
}

export function toAuditRecordResponse(record: AuditRecordRow): AuditRecordResponse {
  return {
    id: record._id.toHexString(),
    at: record.at.toISOString(),
    actorId: record.actorId?.toHexString() ?? null,
    actorRole: record.actorRole,
    action: record.action,
    targetType: record.targetType,
    targetId: record.targetId,
    ip: record.ip,
    userAgent: record.userAgent,
    requestId: record.requestId,
    details: record.details,
  };
}
