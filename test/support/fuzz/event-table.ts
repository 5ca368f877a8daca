import fc from 'fast-check';
import { ClientEvent } from '../../../src/realtime/events';
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
