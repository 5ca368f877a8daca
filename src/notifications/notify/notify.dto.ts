import { createHash } from 'node:crypto';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { objectIdSchema } from '../../common/validation/object-id';
import { canonicalJson, serviceDataProblem } from './service-json';

export enum NotifyChannel {
  InApp = 'in_app',
  Push = 'push',
  /** Escalates to the email digest when the entry stays unread; needs `in_app` (the digest lists entries). */
  Email = 'email',
}

export enum NotifyStatus {
  Queued = 'queued',
  Processing = 'processing',
  Completed = 'completed',
}

export const MAX_RECIPIENTS = 1000;
export const DEFAULT_CHANNELS = [NotifyChannel.InApp, NotifyChannel.Push];
/** No control characters but line breaks and tabs (the body); none at all in a title. */
const NO_CONTROLS = /^[^\p{Cc}]*$/u;
const TEXT_CONTROLS_ONLY = /^(?:[^\p{Cc}]|[\n\r\t])*$/u;
const PRINTABLE_ASCII = /^[\x20-\x7e]+$/;

export const notifySchema = z.strictObject({
  /** Recipients; repeats count once. */
  userIds: z
    .array(objectIdSchema)
    .min(1)
    .max(MAX_RECIPIENTS)
    .transform((ids) => [...new Set(ids)]),
  title: z.string().trim().min(1).max(200).regex(NO_CONTROLS, 'must not hold control characters'),
  body: z
    .string()
    .max(2000)
    .regex(TEXT_CONTROLS_ONLY, 'must not hold control characters but line breaks and tabs'),
  data: z
    .unknown()
    .superRefine((value, context) => {
      const problem = serviceDataProblem(value);
      if (problem) {
        context.addIssue({ code: 'custom', message: problem });
      }
    })
    .transform((value) => value as Record<string, unknown>)
    .optional(),
  channels: z
    .array(z.enum(NotifyChannel))
    .min(1)
    .max(Object.values(NotifyChannel).length)
    .refine((channels) => new Set(channels).size === channels.length, 'must not repeat a channel')
    .refine(
      (channels) => !channels.includes(NotifyChannel.Email) || channels.includes(NotifyChannel.InApp),
      'email needs in_app (the email digest lists unread inbox entries)',
    )
    .default(DEFAULT_CHANNELS),
  /** Chosen by the service; the same key (per API key) never notifies twice. */
  idempotencyKey: z.string().min(1).max(200).regex(PRINTABLE_ASCII, 'must be printable ASCII'),
});
export class NotifyDto extends createZodDto(notifySchema) {}
export type NotifyInput = z.output<typeof notifySchema>;

/**
 * What makes two requests with one idempotency key the same request: the recipients as a set, the text,
 * the data (keys in any order) and the channels as a set, as a SHA-256 of their canonical JSON.
 */
export function requestFingerprint(input: NotifyInput): string {
  const canonical = canonicalJson({
    userIds: [...input.userIds].sort(),
    title: input.title,
    body: input.body,
    data: input.data ?? null,
    channels: [...input.channels].sort(),
  });
  return createHash('sha256').update(canonical).digest('hex');
}

export interface NotifyAcceptedResponse {
  id: string;
  /** Recipients that exist (each is notified once). */
  accepted: number;
  /** Requested ids that name no user (or a deleted one); they are skipped. */
  unknownUserIds: string[];
}

export interface NotifyProgressResponse {
  id: string;
  status: NotifyStatus;
  /** Distinct ids asked for. */
  total: number;
  accepted: number;
  /** Recipients handed their notification so far (an entry stored, or the push sent for push-only requests). */
  delivered: number;
  unknownUserIds: string[];
  channels: NotifyChannel[];
  createdAt: string;
  completedAt: string | null;
}
