/**
 * What the server's `/chat` events carry (docs/websocket-protocol.md). These are wire shapes: every feature
 * that emits builds its payload as one of them, and `ServerToClientEvents` (events.ts) pairs them with the
 * event names, so the publisher checks each emit. They sit in the publisher's layer, below every feature
 * that emits, because a type two layers share lives in the lower one; for the same reason the two enums the
 * payloads name (`MessageType`, `MemberRole`) are declared here and re-exported by their features.
 * Type-only importable from a browser project: nothing here imports.
 */

export enum MessageType {
  Text = 'text',
  Image = 'image',
  Audio = 'audio',
  File = 'file',
  /** A voice note recorded in the app (an attachment of kind `voice`, with a waveform). */
  Voice = 'voice',
  Video = 'video',
  /** A call's entry in the timeline, posted by the server when the call ends; never sent by a client. */
  Call = 'call',
}

export enum MemberRole {
  Owner = 'owner',
  Admin = 'admin',
  Member = 'member',
}

/** What is known of an attachment's file, wherever it is described (upload, stored message, response). */
export interface AttachmentMetadata {
  mimeType: string;
  size: number;
  name: string;
  width?: number;
  height?: number;
  durationMs?: number;
  blurhash?: string;
  /** A voice note's loudness: base64 of 64 bytes, each the peak (0-255) of one slice of the recording. */
  waveform?: string;
}

/**
 * One attachment of a message. Sent by reference to an upload (`uploadId`), it carries freshly signed URLs
 * that stop working at `urlExpiresAt` (fetch the message again for new ones). A legacy attachment (sent as a
 * URL before uploads were referenced) has no `uploadId`, `kind` nor expiry; `url` is null when it could not
 * be read (its key retired or the value tampered with), and for a reference when uploads are off.
 */
export interface AttachmentResponse extends AttachmentMetadata {
  uploadId?: string;
  kind?: 'image' | 'video' | 'audio' | 'voice' | 'file';
  /** The original (a voice note: an MP3 rendition every browser plays). */
  url: string | null;
  /** Image: 320 px wide at most, WebP/AVIF when the browser accepts them; video: a poster; PDF: page 1. */
  thumbnailUrl?: string;
  /** Image: 1280 px wide at most, for a lightbox. */
  previewUrl?: string;
  urlExpiresAt?: string;
}

/** The one message shape of REST responses, socket events and acks (built by `toMessageResponse`). */
export interface MessageResponse {
  id: string;
  clientMessageId: string;
  conversationId: string;
  seq: number;
  senderId: string;
  type: MessageType;
  content: string | null;
  attachments: AttachmentResponse[];
  replyTo: string | null;
  mentions: string[];
  reactions: Array<{ emoji: string; userIds: string[] }>;
  editedAt: string | null;
  deletedAt: string | null;
  createdAt: string;
  /** Present on a tombstone made by a moderator (a resolved report). */
  removedBy?: 'moderation';
  /** Present, for the viewer only, when the viewer blocked the sender: clients may hide or collapse it. */
  senderBlocked?: true;
  /** Present on a `call` message: the call it stands for. */
  call?: CallMessageInfo;
}

/**
 * How a call went, as its `call` message shows it to everyone: `completed` once anyone answered (the end
 * reason then says how it stopped), `failed` when the server lost it; otherwise how it ended unanswered.
 */
export type CallMessageStatus =
  'missed' | 'rejected' | 'completed' | 'cancelled' | 'busy' | 'unavailable' | 'failed';

/** The `call` field of a `call` message. */
export interface CallMessageInfo {
  callId: string;
  type: CallType;
  status: CallMessageStatus;
  endReason: CallEndReason;
  /** From the first answer to the end; null when nobody answered. */
  durationSeconds: number | null;
  /** Everyone who joined, in the order they first joined (the initiator joins at once). */
  participantIds: string[];
  /** The invitees who neither joined nor declined: a client shows "Missed call" to them. */
  missedUserIds: string[];
}

export interface MessageDeletedPayload {
  conversationId: string;
  messageId: string;
  seq: number;
  deletedAt: string | null;
  /** The sender or group admin who deleted it; null when a moderator removed it. */
  deletedBy: string | null;
  removedBy?: 'moderation';
}

/** `message_reaction_added` and `message_reaction_removed`. */
export interface MessageReactionPayload {
  conversationId: string;
  messageId: string;
  userId: string;
  emoji: string;
}

export interface MessagesDeliveredPayload {
  conversationId: string;
  userIds: readonly string[];
  upToSeq: number;
}

export interface MessagesReadPayload {
  conversationId: string;
  userId: string;
  upToSeq: number;
}

/** `user_typing` and `user_stopped_typing`. */
export interface TypingPayload {
  conversationId: string;
  userId: string;
}

export interface UserOnlinePayload {
  userId: string;
}

export interface UserOfflinePayload {
  userId: string;
  /** Null when the user hides their last-seen time. */
  lastSeenAt: string | null;
}

export interface ConversationUpdatedPayload {
  conversationId: string;
  title?: string | null;
  avatarUrl?: string | null;
  member?: { userId: string; role: MemberRole };
  updatedBy: string;
}

export interface MemberAddedPayload {
  conversationId: string;
  userIds: readonly string[];
  addedBy: string;
}

export interface MemberRemovedPayload {
  conversationId: string;
  userId: string;
  /** Who removed the member; the member itself when they left, null when the removal had no acting user. */
  removedBy: string | null;
}

export interface ExportReadyPayload {
  exportId: string;
  expiresAt: string | null;
}

/** What an inbox entry is about (docs/notifications.md#inbox). */
export type NotificationKind =
  'mention' | 'reply' | 'reaction' | 'added_to_conversation' | 'role_changed' | 'missed_call' | 'service';

export interface NotificationActor {
  id: string;
  displayName: string;
  avatarUrl: string | null;
}

/** One inbox entry: events of one kind and group key, aggregated while it was unread. */
export interface NotificationResponse {
  id: string;
  kind: NotificationKind;
  conversationId: string | null;
  /** mention/reply: the newest message that mentioned or replied; reaction: the message reacted to. */
  messageId: string | null;
  /** Most recent first, at most 3. */
  actors: NotificationActor[];
  /** Distinct actors aggregated. */
  actorCount: number;
  /** Distinct events aggregated. */
  count: number;
  /** reaction: the latest emoji. */
  emoji: string | null;
  /** role_changed: the new role. */
  role: MemberRole | null;
  /** Service notifications. */
  title: string | null;
  body: string | null;
  data: Record<string, unknown> | null;
  createdAt: string;
  updatedAt: string;
  readAt: string | null;
}

export interface NotificationPayload {
  notification: NotificationResponse;
  unreadCount: number;
}

/** Entries read on one device, for every device: by id, or all of them (up to `before` when given). */
export type NotificationsReadPayload =
  | { ids: string[]; all: false; unreadCount: number }
  | { ids: []; all: true; before: string | null; unreadCount: number };

export interface NotificationDeletedPayload {
  id: string;
  unreadCount: number;
}

/** A failure with no ack to travel in, e.g. why the server is about to close the socket. */
export interface SocketErrorPayload {
  code: string;
  message: string;
}

// --- Calls (docs/calls.md) ---------------------------------------------------------------------------------

export type CallType = 'audio' | 'video';
export type CallStatus = 'ringing' | 'active' | 'ended';
export type CallEndReason =
  'ended' | 'rejected' | 'no_answer' | 'busy' | 'unavailable' | 'cancelled' | 'disconnected' | 'failed';

/** One entry of `RTCConfiguration.iceServers`, as browsers take it. */
export interface IceServer {
  readonly urls: readonly string[];
  readonly username?: string;
  readonly credential?: string;
}

/** A device in a call. `deviceId` names the auth session behind its socket (never the session id itself). */
export interface CallParticipantView {
  userId: string;
  deviceId: string;
  joinedAt: string;
  audio: boolean;
  video: boolean;
  screen: boolean;
  /** False while its sockets are gone and it is within its reconnect grace. */
  connected: boolean;
}

/** A live or just-ended call, as acks and `GET /conversations/:id/calls/active` show it. */
export interface CallView {
  callId: string;
  conversationId: string;
  kind: 'direct' | 'group';
  type: CallType;
  initiatorId: string;
  status: CallStatus;
  createdAt: string;
  answeredAt: string | null;
  endedAt: string | null;
  endReason: CallEndReason | null;
  participants: CallParticipantView[];
  /** When ringing stops unanswered (ISO 8601). */
  ringUntil: string;
}

export interface CallDevice {
  userId: string;
  deviceId: string;
}

export interface IncomingCallPayload {
  callId: string;
  conversationId: string;
  callerId: string;
  callerName: string;
  type: CallType;
  participants: CallParticipantView[];
  /** The ICE servers with this user's own TURN credential, valid `ttlSeconds`. */
  iceServers: readonly IceServer[];
  ttlSeconds: number;
  ringUntil: string;
}

export interface CallAcceptedPayload {
  callId: string;
  conversationId: string;
  userId: string;
  deviceId: string;
  answeredAt: string;
}

export interface CallAnsweredElsewherePayload {
  callId: string;
  conversationId: string;
  /** The device that answered. */
  deviceId: string;
}

export interface CallRejectedPayload {
  callId: string;
  conversationId: string;
  userId: string;
}

export interface CallParticipantJoinedPayload {
  callId: string;
  participant: CallParticipantView;
}

export interface CallParticipantLeftPayload {
  callId: string;
  userId: string;
  deviceId: string;
  /** `failed`: it hung up because its connection failed (`call_end` with `reason: 'failed'`). */
  reason: 'left' | 'failed' | 'disconnected' | 'removed';
}

/** `call_offer` and `call_answer` as relayed: the SDP from one participant device to another. */
export interface CallSdpSignalPayload {
  callId: string;
  from: CallDevice;
  sdp: string;
}

/** `RTCIceCandidateInit`; an empty `candidate` marks the end of candidates. */
export interface IceCandidateInit {
  candidate: string;
  sdpMid?: string | null;
  sdpMLineIndex?: number | null;
  usernameFragment?: string | null;
}

export interface IceCandidateSignalPayload {
  callId: string;
  from: CallDevice;
  candidate: IceCandidateInit;
}

export interface CallMediaPayload {
  callId: string;
  userId: string;
  deviceId: string;
  audio: boolean;
  video: boolean;
  screen: boolean;
}

export interface CallBusyPayload {
  callId: string;
  conversationId: string;
  /** The callee who is in another call. */
  userId: string;
}

export interface CallMissedPayload {
  callId: string;
  conversationId: string;
}

export interface CallEndedPayload {
  callId: string;
  conversationId: string;
  reason: CallEndReason;
  /** Who ended, rejected or cancelled it; null when a timer or the server did. */
  endedBy: string | null;
  /** From the first answer to the end; null when it was never answered. */
  durationSeconds: number | null;
}
