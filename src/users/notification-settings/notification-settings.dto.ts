import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { isKnownTimeZone, minutesOf } from './quiet-hours';

const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a 24-hour HH:MM time');

const QuietHoursSchema = z
  .object({
    start: clock,
    end: clock,
    timeZone: z.string().max(64).refine(isKnownTimeZone, 'an IANA time zone name, e.g. Europe/Lisbon'),
  })
  .strict()
  .refine((hours) => minutesOf(hours.start) !== minutesOf(hours.end), {
    message: 'start and end must differ',
    path: ['end'],
  });

export const UpdateNotificationSettingsSchema = z
  .object({
    emailDigest: z.boolean().optional(),
    emailDelayMinutes: z.number().int().min(1).max(1440).optional(),
    push: z.boolean().optional(),
    quietHours: QuietHoursSchema.nullable().optional(),
  })
  .strict()
  .refine((body) => Object.keys(body).length > 0, { message: 'nothing to update' });
export class UpdateNotificationSettingsDto extends createZodDto(UpdateNotificationSettingsSchema) {}
