import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';

/** The token is checked by the service (a malformed one is `UNSUBSCRIBE_TOKEN_INVALID`, like a forged one). */
export const UnsubscribeQuerySchema = z.strictObject({ token: z.string().min(1).max(200) });
export class UnsubscribeQueryDto extends createZodDto(UnsubscribeQuerySchema) {}

/**
 * RFC 8058: mail providers POST `List-Unsubscribe=One-Click` form-encoded; the web page posts JSON `{}`.
 * The body carries nothing the server needs, so an empty one is accepted too.
 */
export const UnsubscribeBodySchema = z.preprocess(
  (body) => body ?? {},
  z.strictObject({ 'List-Unsubscribe': z.literal('One-Click').optional() }),
);
export class UnsubscribeBodyDto extends createZodDto(UnsubscribeBodySchema) {}
