import fc from 'fast-check';
import { CallClientEvent, ClientEvent } from '../../../src/realtime/events';
import { CallWorld } from './call-world';
import { fixtureId } from './hostile';
import { conversation, message, sendMessageFields } from './valid-values';
import { World } from './world';

/**
 * A valid payload for each client event (aimed at the fixtures), which the suite also mutates. Typed by `ClientEvent`, so a new
 * event does not compile without an entry; the suite also checks the gateways subscribe to exactly these.
 */
export const EVENT_FUZZ: Record<ClientEvent, (w: World) => fc.Arbitrary<Record<string, unknown>>> = {
  [ClientEvent.SendMessage]: (w) =>
    fc
      .tuple(conversation(w), sendMessageFields(w))
      .map(([conversationId, fields]) => ({ conversationId, ...fields })),
  [ClientEvent.JoinConversation]: (w) => fc.record({ conversationId: conversation(w) }),
  [ClientEvent.OpenConversation]: (w) => fc.record({ conversationId: conversation(w) }),
  [ClientEvent.MarkRead]: (w) =>
    fc.oneof(
      fc.record({ conversationId: conversation(w), seq: fc.nat() }),
      fc.record({ conversationId: conversation(w), messageId: message(w) }),
    ),
  [ClientEvent.EditMessage]: (w) =>
    fc.record({
      conversationId: conversation(w),
      messageId: message(w),
      content: fc.constantFrom('edited', 'edited again'),
    }),
  [ClientEvent.DeleteMessage]: (w) => fc.record({ conversationId: conversation(w), messageId: message(w) }),
  [ClientEvent.AddReaction]: (w) =>
    fc.record({
      conversationId: conversation(w),
      messageId: message(w),
      emoji: fc.constantFrom('👍', ':+1:'),
    }),
  [ClientEvent.RemoveReaction]: (w) =>
    fc.record({
      conversationId: conversation(w),
      messageId: message(w),
      emoji: fc.constantFrom('👍', ':+1:'),
    }),
  [ClientEvent.Typing]: (w) => fc.record({ conversationId: conversation(w) }),
  [ClientEvent.StopTyping]: (w) => fc.record({ conversationId: conversation(w) }),
  [ClientEvent.Reauth]: (w) =>
    fc.record({ token: fc.constantFrom(w.me.accessToken, w.other.accessToken, 'not.a.jwt') }),
};

const call = (w: CallWorld) => fixtureId(w.liveCall, w.endedCall);
/** Mostly a device in the live call (`other`'s, or `me`'s own), sometimes one that names nothing. */
const device = (w: CallWorld) =>
  fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(w.otherDevice, w.myDevice) },
    { weight: 1, arbitrary: fc.stringMatching(/^[0-9a-f]{16}$/) },
  );
const sdp = fc.constantFrom(
  ['v=0', 'o=- 1 2 IN IP4 127.0.0.1', 's=-', 't=0 0', 'm=audio 9 UDP/TLS/RTP/SAVPF 111', ''].join('\r\n'),
  ['v=0', 'o=- 3 4 IN IP4 0.0.0.0', 's=-', 't=0 0', 'm=video 9 UDP/TLS/RTP/SAVPF 96', 'a=mid:0'].join('\n'),
);
const candidate = fc.record(
  {
    candidate: fc.constantFrom('', 'candidate:1 1 udp 2122260223 10.0.0.1 5000 typ host'),
    sdpMid: fc.constantFrom('0', null),
    sdpMLineIndex: fc.constantFrom(0, 1, null),
    usernameFragment: fc.constantFrom('abcd', null),
  },
  { requiredKeys: ['candidate'] },
);
const sdpSignal = (w: CallWorld) => fc.record({ callId: call(w), to: device(w), sdp });

/**
 * The call signaling events (issue #30), aimed at the world's calls: the live group call `me` is rung for
 * (and joins, leaves, signals in as the valid payloads go), an ended one, and ids naming none.
 */
export const CALL_EVENT_FUZZ: Record<
  CallClientEvent,
  (w: CallWorld) => fc.Arbitrary<Record<string, unknown>>
> = {
  [CallClientEvent.Invite]: (w) =>
    fc.record(
      { conversationId: conversation(w), type: fc.constantFrom('audio', 'video'), clientCallId: fc.uuid() },
      { requiredKeys: ['conversationId', 'type'] },
    ),
  [CallClientEvent.Accept]: (w) => fc.record({ callId: call(w) }),
  [CallClientEvent.Reject]: (w) => fc.record({ callId: call(w) }),
  [CallClientEvent.End]: (w) => fc.record({ callId: call(w) }),
  [CallClientEvent.Offer]: sdpSignal,
  [CallClientEvent.Answer]: sdpSignal,
  [CallClientEvent.IceCandidate]: (w) => fc.record({ callId: call(w), to: device(w), candidate }),
  [CallClientEvent.Media]: (w) =>
    fc.record({ callId: call(w), audio: fc.boolean(), video: fc.boolean(), screen: fc.boolean() }),
};

/** Every event of the `/chat` namespace, chat and calls, with its valid payloads. */
export const SOCKET_EVENT_FUZZ: Record<
  ClientEvent | CallClientEvent,
  (w: CallWorld) => fc.Arbitrary<Record<string, unknown>>
> = { ...EVENT_FUZZ, ...CALL_EVENT_FUZZ };
