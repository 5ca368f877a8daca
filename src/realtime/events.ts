import type { DefaultEventsMap, Namespace, Socket } from 'socket.io';
import type { AuthUser } from '../common/auth/auth-user';
import type {
  CallAcceptedPayload,
  CallAnsweredElsewherePayload,
  CallBusyPayload,
  CallEndedPayload,
  CallMediaPayload,
  CallMissedPayload,
  CallParticipantJoinedPayload,
  CallParticipantLeftPayload,
  CallRejectedPayload,
  CallSdpSignalPayload,
  ConversationUpdatedPayload,
  ExportReadyPayload,
  IceCandidateSignalPayload,
  IncomingCallPayload,
  MemberAddedPayload,
  MemberRemovedPayload,
  MessageDeletedPayload,
  MessageReactionPayload,
  MessageResponse,
  MessagesDeliveredPayload,
  MessagesReadPayload,
  NotificationDeletedPayload,
  NotificationPayload,
  NotificationsReadPayload,
  SocketErrorPayload,
  TypingPayload,
  UserOfflinePayload,
  UserOnlinePayload,
} from './server-events';

/** Events a client sends on the `/chat` namespace. Every one is answered by an ack. */
export enum ClientEvent {
  SendMessage = 'send_message',
  JoinConversation = 'join_conversation',
  OpenConversation = 'open_conversation',
  MarkRead = 'mark_read',
  EditMessage = 'edit_message',
  DeleteMessage = 'delete_message',
  AddReaction = 'add_reaction',
  RemoveReaction = 'remove_reaction',
  Typing = 'typing',
  StopTyping = 'stop_typing',
  Reauth = 'reauth',
}

/**
 * Call signaling events a client sends on `/chat` (docs/calls.md), answered by an ack like the others. Kept
 * apart from `ClientEvent`: their handlers and schemas live in calls, a layer above messages' typed map.
 */
export enum CallClientEvent {
  Invite = 'call_invite',
  Accept = 'call_accept',
  Reject = 'call_reject',
  End = 'call_end',
  Offer = 'call_offer',
  Answer = 'call_answer',
  IceCandidate = 'ice_candidate',
  Media = 'call_media',
}

/** Events the server sends on the `/chat` namespace. */
export enum ServerEvent {
  NewMessage = 'new_message',
  MessageEdited = 'message_edited',
  MessageDeleted = 'message_deleted',
  MessageReactionAdded = 'message_reaction_added',
  MessageReactionRemoved = 'message_reaction_removed',
  MessagesDelivered = 'messages_delivered',
  MessagesRead = 'messages_read',
  UserTyping = 'user_typing',
  UserStoppedTyping = 'user_stopped_typing',
  UserOnline = 'user_online',
  UserOffline = 'user_offline',
  ConversationUpdated = 'conversation_updated',
  MemberAdded = 'member_added',
  MemberRemoved = 'member_removed',
  /** The user's data export is ready to download (to the user's own sockets). */
  ExportReady = 'export_ready',
  /** A new or grown inbox entry, with the user's unread count (to the user's own sockets). */
  Notification = 'notification',
  /** Inbox entries were read on one of the user's devices (to all of them). */
  NotificationsRead = 'notifications_read',
  /** An inbox entry was deleted on one of the user's devices (to all of them). */
  NotificationDeleted = 'notification_deleted',
  /** A call rings for this user (to every device of each member rung). */
  IncomingCall = 'incoming_call',
  /** A user answered the call (to the caller's and every invitee's devices). */
  CallAccepted = 'call_accepted',
  /** Another device of this user answered: stop ringing here. */
  CallAnsweredElsewhere = 'call_answered_elsewhere',
  /** A group invitee declined (to the participants and the decliner's other devices). */
  CallRejected = 'call_rejected',
  /** A device joined the call (to the other participants, who wait for its offer). */
  CallParticipantJoined = 'call_participant_joined',
  /** A device left the call (to the other participants). */
  CallParticipantLeft = 'call_participant_left',
  /** WebRTC signaling relayed from one participant device to another. */
  CallOffer = 'call_offer',
  CallAnswer = 'call_answer',
  IceCandidate = 'ice_candidate',
  /** A participant's microphone, camera or screen share changed. */
  CallMedia = 'call_media',
  /** The callee of a direct call is in another call (to the caller). */
  CallBusy = 'call_busy',
  /** A group call stopped ringing for this user unanswered; it goes on, and they may still join. */
  CallMissed = 'call_missed',
  /** The call is over, with why (to everyone it rang for or who took part). */
  CallEnded = 'call_ended',
  /** A failure that has no ack to travel in, e.g. why the server is about to close the socket. */
  Error = 'error',
}

/** Every server event's payload; a missing one fails to compile where `ServerToClientEvents` reads it. */
export type ServerEventPayloads = {
  [ServerEvent.NewMessage]: MessageResponse;
  [ServerEvent.MessageEdited]: MessageResponse;
  [ServerEvent.MessageDeleted]: MessageDeletedPayload;
  [ServerEvent.MessageReactionAdded]: MessageReactionPayload;
  [ServerEvent.MessageReactionRemoved]: MessageReactionPayload;
  [ServerEvent.MessagesDelivered]: MessagesDeliveredPayload;
  [ServerEvent.MessagesRead]: MessagesReadPayload;
  [ServerEvent.UserTyping]: TypingPayload;
  [ServerEvent.UserStoppedTyping]: TypingPayload;
  [ServerEvent.UserOnline]: UserOnlinePayload;
  [ServerEvent.UserOffline]: UserOfflinePayload;
  [ServerEvent.ConversationUpdated]: ConversationUpdatedPayload;
  [ServerEvent.MemberAdded]: MemberAddedPayload;
  [ServerEvent.MemberRemoved]: MemberRemovedPayload;
  [ServerEvent.ExportReady]: ExportReadyPayload;
  [ServerEvent.Notification]: NotificationPayload;
  [ServerEvent.NotificationsRead]: NotificationsReadPayload;
  [ServerEvent.NotificationDeleted]: NotificationDeletedPayload;
  [ServerEvent.IncomingCall]: IncomingCallPayload;
  [ServerEvent.CallAccepted]: CallAcceptedPayload;
  [ServerEvent.CallAnsweredElsewhere]: CallAnsweredElsewherePayload;
  [ServerEvent.CallRejected]: CallRejectedPayload;
  [ServerEvent.CallParticipantJoined]: CallParticipantJoinedPayload;
  [ServerEvent.CallParticipantLeft]: CallParticipantLeftPayload;
  [ServerEvent.CallOffer]: CallSdpSignalPayload;
  [ServerEvent.CallAnswer]: CallSdpSignalPayload;
  [ServerEvent.IceCandidate]: IceCandidateSignalPayload;
  [ServerEvent.CallMedia]: CallMediaPayload;
  [ServerEvent.CallBusy]: CallBusyPayload;
  [ServerEvent.CallMissed]: CallMissedPayload;
  [ServerEvent.CallEnded]: CallEndedPayload;
  [ServerEvent.Error]: SocketErrorPayload;
};

/**
 * Socket.IO's typed map of the server's events. Keyed by the names as strings (`new_message`), which the
 * enum members are assignable to, so clients may use either.
 */
export type ServerToClientEvents = {
  [E in ServerEvent as `${E}`]: (payload: ServerEventPayloads[E]) => void;
};

export interface AckError {
  code: string;
  message: string;
  details?: unknown;
}

/** The answer to every client event. */
export type Ack<T> = { ok: true; data: T } | { ok: false; error: AckError };

export interface ChatSocketData {
  user: AuthUser;
  /** When the access token presented at the handshake (or the last `reauth`) expires, in epoch ms. */
  tokenExpiresAt: number;
  /** Identifies this connection in presence: `<sessionId>:<socket id>`. */
  connectionId: string;
}

// What clients send stays untyped here: handlers take it as `unknown` and parse it with the event's schema.
// The typed client map (`messages/chat-events.ts`) is derived from those schemas, in a layer above this one.
export type ChatSocket = Socket<DefaultEventsMap, ServerToClientEvents, DefaultEventsMap, ChatSocketData>;
export type ChatNamespace = Namespace<
  DefaultEventsMap,
  ServerToClientEvents,
  DefaultEventsMap,
  ChatSocketData
>;

export const CHAT_NAMESPACE = '/chat';

export const rooms = {
  user: (userId: string) => `user:${userId}`,
  session: (sessionId: string) => `session:${sessionId}`,
  conversation: (conversationId: string) => `conversation:${conversationId}`,
};
