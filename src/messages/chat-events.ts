import type { z } from 'zod';
import type { Ack, ClientEvent } from '../realtime/events';
import type {
  ConversationRefSchema,
  JoinConversationAck,
  ReauthAck,
  ReauthSchema,
  TypingAck,
} from '../realtime/realtime.dto';
import type { MessageResponse } from '../realtime/server-events';
import type {
  ConversationRefPayloadSchema,
  EditMessagePayloadSchema,
  MarkReadPayloadSchema,
  MessageRefPayloadSchema,
  ReactionPayloadSchema,
  ReadPointer,
  SendMessagePayloadSchema,
} from './messages.dto';

/**
 * The typed Socket.IO maps of the `/chat` namespace, for TypeScript clients (the web client, the tests):
 * `Socket<ServerToClientEvents, ClientToServerEvents>` from `socket.io-client`. Import type-only.
 *
 * Client events: the payload is what the event's schema accepts (`z.input` of the schema its handler
 * parses with) and the ack what the handler answers. This map lives in messages, the highest layer with
 * socket handlers, because it reads their schemas; the server's own map is `realtime/events.ts`.
 */

/** JSON carries an enum's string value: payload types take the values, so clients need no server enum. */
export type WireInput<T> = T extends string
  ? `${T}`
  : T extends ReadonlyArray<infer Item>
    ? Array<WireInput<Item>>
    : T extends object
      ? { [K in keyof T]: WireInput<T[K]> }
      : T;

type Handler<Schema extends z.ZodType, Data> = (
  payload: WireInput<z.input<Schema>>,
  ack: (ack: Ack<Data>) => void,
) => void;

/** Each client event's schema and ack data, keyed by the enum: a missing event fails to compile. */
interface ClientEventHandlers {
  [ClientEvent.SendMessage]: Handler<typeof SendMessagePayloadSchema, MessageResponse>;
  [ClientEvent.EditMessage]: Handler<typeof EditMessagePayloadSchema, MessageResponse>;
  [ClientEvent.DeleteMessage]: Handler<typeof MessageRefPayloadSchema, MessageResponse>;
  [ClientEvent.AddReaction]: Handler<typeof ReactionPayloadSchema, MessageResponse>;
  [ClientEvent.RemoveReaction]: Handler<typeof ReactionPayloadSchema, MessageResponse>;
  [ClientEvent.MarkRead]: Handler<typeof MarkReadPayloadSchema, ReadPointer>;
  [ClientEvent.OpenConversation]: Handler<typeof ConversationRefPayloadSchema, ReadPointer>;
  [ClientEvent.JoinConversation]: Handler<typeof ConversationRefSchema, JoinConversationAck>;
  [ClientEvent.Typing]: Handler<typeof ConversationRefSchema, TypingAck>;
  [ClientEvent.StopTyping]: Handler<typeof ConversationRefSchema, TypingAck>;
  [ClientEvent.Reauth]: Handler<typeof ReauthSchema, ReauthAck>;
}

/** Socket.IO's typed map of the client's events, keyed by their names as strings (`send_message`). */
export type ClientToServerEvents = {
  [E in ClientEvent as `${E}`]: ClientEventHandlers[E];
};

export type { Ack, AckError, ServerToClientEvents } from '../realtime/events';
export type * from '../realtime/server-events';
