import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { cursorTimestampSchema } from '../common/pagination/cursor';
import { objectIdSchema } from '../common/validation/object-id';
import { ModerationAction, ReportReason, ReportStatus, ReportTargetType } from './report.schema';

export const createReportSchema = z.strictObject({
  targetType: z.enum(ReportTargetType),
  targetId: objectIdSchema,
  reason: z.enum(ReportReason),
  note: z.string().trim().min(1).max(1000).optional(),
});
export class CreateReportDto extends createZodDto(createReportSchema) {}

const cursor = z.string().max(200).optional();
const limit = z.coerce.number().int().min(1).max(100).default(50);

export const myReportsQuerySchema = z.strictObject({ cursor, limit });
export class MyReportsQueryDto extends createZodDto(myReportsQuerySchema) {}

export const queueQuerySchema = z.strictObject({
  status: z.enum(ReportStatus).default(ReportStatus.Open),
  reason: z.enum(ReportReason).optional(),
  cursor,
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
export class QueueQueryDto extends createZodDto(queueQuerySchema) {}

/**
 * At most a year; a suspension without `durationHours` lasts until lifted. Fractions are allowed (the
 * suspension's own floor, SUSPENSION_MIN_SECONDS, is the users service's to enforce).
 */
const MAX_SUSPENSION_HOURS = 24 * 366;

export const resolveReportSchema = z
  .strictObject({
    action: z.enum(ModerationAction),
    reason: z.string().trim().min(1).max(500),
    durationHours: z.number().positive().max(MAX_SUSPENSION_HOURS).optional(),
  })
  .refine((body) => body.durationHours === undefined || body.action === ModerationAction.SuspendUser, {
    path: ['durationHours'],
    message: 'only with action suspend_user',
  });
export class ResolveReportDto extends createZodDto(resolveReportSchema) {}
export type ResolveReportInput = z.output<typeof resolveReportSchema>;

/** A page cursor's key: the last row's sort time (epoch ms) and id. */
export const reportCursorKeySchema = z.strictObject({
  t: cursorTimestampSchema,
  id: z.string().regex(/^[a-f\d]{24}$/),
});
