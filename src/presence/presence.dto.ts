import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { objectIdSchema } from '../common/validation/object-id';

export const MAX_PRESENCE_IDS = 200;

export const PresenceQuerySchema = z
  .object({
    ids: z
      .string()
      .transform((value) => [...new Set(value.split(',').map((id) => id.trim()))])
      .pipe(z.array(objectIdSchema).min(1).max(MAX_PRESENCE_IDS)),
  })
  .strict();

export class PresenceQueryDto extends createZodDto(PresenceQuerySchema) {}
