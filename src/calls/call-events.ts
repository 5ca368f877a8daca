import type { z } from 'zod';
import type { WireInput } from '../messages/chat-events';
import type { Ack, CallClientEvent } from '../realtime/events';
import type {
  CallEndPayloadSchema,
  CallInvitePayloadSchema,
  CallJoinAck,
  CallMediaPayloadSchema,
  CallRefAck,
  CallRefPayloadSchema,
  CallSdpPayloadSchema,
  IceCandidatePayloadSchema,
} from './calls.dto';

type Handler<Schema extends z.ZodType, Data> = (
  payload: WireInput<z.input<Schema>>,
  ack: (ack: Ack<Data>) => void,
) => void;

/** Each call event's schema and ack data, keyed by the enum: a missing event fails to compile. */
interface CallEventHandlers {
  [CallClientEvent.Invite]: Handler<typeof CallInvitePayloadSchema, CallJoinAck>;
  [CallClientEvent.Accept]: Handler<typeof CallRefPayloadSchema, CallJoinAck>;
  [CallClientEvent.Reject]: Handler<typeof CallRefPayloadSchema, CallRefAck>;
  [CallClientEvent.End]: Handler<typeof CallEndPayloadSchema, CallRefAck>;
  [CallClientEvent.Offer]: Handler<typeof CallSdpPayloadSchema, CallRefAck>;
  [CallClientEvent.Answer]: Handler<typeof CallSdpPayloadSchema, CallRefAck>;
  [CallClientEvent.IceCandidate]: Handler<typeof IceCandidatePayloadSchema, CallRefAck>;
  [CallClientEvent.Media]: Handler<typeof CallMediaPayloadSchema, CallRefAck>;
}

/**
 * The call events of the `/chat` namespace for TypeScript clients, typed from the schemas their handlers
 * parse with. A client's full map is `ClientToServerEvents & CallClientToServerEvents`; import type-only.
 */
export type CallClientToServerEvents = {
  [E in CallClientEvent as `${E}`]: CallEventHandlers[E];
};

export type { CallJoinAck, CallRefAck } from './calls.dto';
