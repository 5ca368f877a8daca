import { ECDH } from 'node:crypto';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { PushSubscriptionRecord } from './push-subscriptions.repository';

/** Endpoints are capability URLs on the push services; browsers give them well under this length. */
const MAX_ENDPOINT_LENGTH = 2048;

/** http is accepted here and refused in production by the service (local stand-ins serve plain http). */
const endpoint = z.url({ protocol: /^https?$/ }).max(MAX_ENDPOINT_LENGTH);

/** URL-safe base64 as `PushSubscription.toJSON()` writes it (unpadded; padding tolerated), decoded. */
const base64urlBytes = z
  .string()
  .max(200)
  .regex(/^[A-Za-z0-9_-]+={0,2}$/, 'must be URL-safe base64')
  .transform((value) => Buffer.from(value, 'base64url'));

function isP256Point(key: Buffer): boolean {
  try {
    ECDH.convertKey(key, 'prime256v1');
    return true;
  } catch {
    return false;
  }
}

export const RegisterPushSubscriptionSchema = z
  .object({
    endpoint,
    // Milliseconds since the epoch, or null, as the browser reports it.
    expirationTime: z.number().int().positive().nullable().optional(),
    keys: z
      .object({
        p256dh: base64urlBytes
          .refine((key) => key.length === 65 && key[0] === 0x04 && isP256Point(key), {
            message: 'must be an uncompressed P-256 public key (65 bytes)',
          })
          .transform((key) => key.toString('base64url')),
        auth: base64urlBytes
          .refine((secret) => secret.length === 16, { message: 'must be 16 bytes' })
          .transform((secret) => secret.toString('base64url')),
      })
      .strict(),
  })
  .strict();
export class RegisterPushSubscriptionDto extends createZodDto(RegisterPushSubscriptionSchema) {}
/** The body a client sends (before the schema's transforms): what `PushSubscription.toJSON()` gives. */
export type RegisterPushSubscriptionBody = z.input<typeof RegisterPushSubscriptionSchema>;

export const RemovePushSubscriptionSchema = z.object({ endpoint }).strict();
export class RemovePushSubscriptionDto extends createZodDto(RemovePushSubscriptionSchema) {}

/** A subscription as its owner sees it: never its keys. `current`: registered by the calling session. */
export interface PushSubscriptionResponse {
  endpoint: string;
  expirationTime: number | null;
  registeredAt: string;
  current: boolean;
}

export function toPushSubscriptionResponse(
  record: PushSubscriptionRecord,
  callerSessionId: string,
): PushSubscriptionResponse {
  return {
    endpoint: record.endpoint,
    expirationTime: record.expiresAt?.getTime() ?? null,
    registeredAt: record.registeredAt.toISOString(),
    current: record.sessionId.toHexString() === callerSessionId,
  };
}
