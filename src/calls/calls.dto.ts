import { z } from 'zod';
import { objectIdSchema } from '../common/validation/object-id';
import type { CallView, IceServer } from '../realtime/server-events';

const callId = objectIdSchema;
const deviceId = z.string().regex(/^[a-f\d]{16}$/, 'must be a 16-character device id');

export const CallInvitePayloadSchema = z
  .object({
    conversationId: objectIdSchema,
    type: z.enum(['audio', 'video']),
    /** Makes a retried invite return the call it started instead of starting another. */
    clientCallId: z.string().uuid().optional(),
  })
  .strict();

export const CallRefPayloadSchema = z.object({ callId }).strict();

/**
 * `call_end`: this device leaves. `reason: 'failed'` says why: its connection could not be set up or was
 * lost for good (ICE failed), so a 1:1 call ends as `failed` rather than `ended`.
 */
export const CallEndPayloadSchema = z.object({ callId, reason: z.literal('failed').optional() }).strict();

/**
 * An SDP's text. Its size is checked against `CALL_SIGNAL_MAX_BYTES` by the service (a setting, so not
 * here); this bound only stops absurd strings before any work.
 */
const sdp = z.string().min(1).max(1_048_576);

export const CallSdpPayloadSchema = z.object({ callId, to: deviceId, sdp }).strict();

export const IceCandidatePayloadSchema = z
  .object({
    callId,
    to: deviceId,
    candidate: z
      .object({
        // Empty marks the end of candidates.
        candidate: z
          .string()
          .max(2048)
          .refine((text) => text === '' || text.startsWith('candidate:'), 'must start with "candidate:"'),
        sdpMid: z.string().max(64).nullable().optional(),
        sdpMLineIndex: z.number().int().min(0).max(255).nullable().optional(),
        usernameFragment: z.string().max(256).nullable().optional(),
      })
      .strict(),
  })
  .strict();

export const CallMediaPayloadSchema = z
  .object({ callId, audio: z.boolean(), video: z.boolean(), screen: z.boolean() })
  .strict();

/** The ack of `call_invite` and `call_accept`: the call, and the ICE servers to connect it with. */
export interface CallJoinAck {
  call: CallView;
  iceServers: readonly IceServer[];
  ttlSeconds: number;
}

/** The ack of the other call events. */
export interface CallRefAck {
  callId: string;
}
