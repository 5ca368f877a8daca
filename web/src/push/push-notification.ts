import type { NewMessagePush, NotificationPush } from '../api/types';
import { notificationTarget } from '../notifications/notification-text';

/** The query parameter naming the inbox entry a clicked push was about. */
export const NOTIFICATION_PARAM = 'notification';

/**
 * A call ringing for a user with no device online (docs/calls.md): it rings on their Web Push devices for
 * the ring timeout (the push's TTL).
 */
export interface IncomingCallPush {
  kind: 'incoming_call';
  callId: string;
  conversationId: string;
  callerName: string;
  type: 'audio' | 'video';
  url: string;
}

/** The pushes this client knows: a message to someone offline, an inbox entry, or a call ringing. */
export type Push = NewMessagePush | NotificationPush | IncomingCallPush;

/** What the service worker passes to `showNotification`. */
export interface NotificationContent {
  title: string;
  options: NotificationOptions & { renotify?: boolean; data: { url: string } };
}

/** The part of a service worker's `WindowClient` the decisions below need. */
export interface WindowState {
  url: string;
  focused: boolean;
  visibilityState: DocumentVisibilityState;
}

export function conversationPath(conversationId: string): string {
  return `/c/${encodeURIComponent(conversationId)}`;
}

/** The push's JSON, or null when it is not a push this client knows (then a generic line is shown). */
export function parsePush(data: unknown): Push | null {
  if (typeof data !== 'object' || data === null) {
    return null;
  }
  if ((data as { type?: unknown }).type === 'notification') {
    return parseNotificationPush(data);
  }
  if ((data as { kind?: unknown }).kind === 'incoming_call') {
    return parseIncomingCallPush(data);
  }
  const push = data as Partial<Record<keyof NewMessagePush, unknown>>;
  const strings = [push.conversationId, push.messageId, push.senderId, push.senderName, push.body];
  const valid =
    push.type === 'new_message' &&
    strings.every((value) => typeof value === 'string') &&
    typeof push.seq === 'number' &&
    (push.conversationTitle === undefined || typeof push.conversationTitle === 'string');
  return valid ? (data as NewMessagePush) : null;
}

function parseNotificationPush(data: object): NotificationPush | null {
  const push = data as Partial<Record<keyof NotificationPush, unknown>>;
  const nullableString = (value: unknown) => value === null || typeof value === 'string';
  const valid =
    [push.notificationId, push.kind, push.title, push.body].every((value) => typeof value === 'string') &&
    nullableString(push.conversationId) &&
    nullableString(push.messageId) &&
    typeof push.count === 'number';
  return valid ? (data as NotificationPush) : null;
}

function parseIncomingCallPush(data: object): IncomingCallPush | null {
  const push = data as Partial<Record<keyof IncomingCallPush, unknown>>;
  const valid =
    [push.callId, push.conversationId, push.callerName, push.url].every(
      (value) => typeof value === 'string',
    ) &&
    (push.type === 'audio' || push.type === 'video');
  return valid ? (data as IncomingCallPush) : null;
}

/**
 * The notification for a push: a direct message is titled by its sender, a group message by the group with
 * the sender before the text. The body is the server's (a preview, or its generic line when previews are
 * off). One notification per conversation (its tag): a burst replaces it, alerting again each time.
 */
export function notificationFor(push: Push | null): NotificationContent {
  if (!push) {
    return {
      title: 'Parley',
      options: { body: 'New message', tag: 'parley', icon: '/favicon.svg', data: { url: '/' } },
    };
  }
  if ('callId' in push) {
    return callNotification(push);
  }
  if (push.type === 'notification') {
    return inboxNotification(push);
  }
  const group = push.conversationTitle !== undefined;
  return {
    title: group ? push.conversationTitle! : push.senderName,
    options: {
      body: group ? `${push.senderName}: ${push.body}` : push.body,
      tag: `conversation:${push.conversationId}`,
      renotify: true,
      icon: '/favicon.svg',
      data: { url: conversationPath(push.conversationId) },
    },
  };
}

/**
 * An inbox entry (the server's words: "Ana and 2 others reacted to your message"): tagged by the entry, so
 * an entry that grows replaces its notification; a click opens what the center's entry opens.
 */
function inboxNotification(push: NotificationPush): NotificationContent {
  return {
    title: push.title,
    options: {
      body: push.body,
      tag: `notification:${push.notificationId}`,
      renotify: true,
      icon: '/favicon.svg',
      data: { url: withNotification(notificationTarget(push) ?? '/notifications', push.notificationId) },
    },
  };
}

/**
 * A call ringing: it stays until acted on (a call is not a message to read later), and a click opens the
 * conversation, where the app, once connected, rings with Accept and Decline if the call still rings.
 */
function callNotification(push: IncomingCallPush): NotificationContent {
  const path =
    push.url.startsWith('/') && !push.url.startsWith('//') ? push.url : conversationPath(push.conversationId);
  return {
    title: push.callerName,
    options: {
      body: `Incoming ${push.type === 'video' ? 'video' : 'voice'} call`,
      tag: `call:${push.callId}`,
      renotify: true,
      requireInteraction: true,
      icon: '/favicon.svg',
      data: { url: path },
    },
  };
}

/** The page with `notification=<id>`, which the app marks read when it shows the page (the worker has no token). */
function withNotification(path: string, notificationId: string): string {
  const separator = path.includes('?') ? '&' : '?';
  return `${path}${separator}${NOTIFICATION_PARAM}=${encodeURIComponent(notificationId)}`;
}

/** Whether this window shows the conversation to the user right now (focused, visible, on its page). */
function showsConversation(window: WindowState, conversationId: string): boolean {
  return (
    window.focused &&
    window.visibilityState === 'visible' &&
    new URL(window.url).pathname === conversationPath(conversationId)
  );
}

/** No notification when the user is looking at that conversation already; otherwise always one. */
export function shouldNotify(push: Push | null, windows: readonly WindowState[]): boolean {
  const conversationId = push?.conversationId ?? null;
  return conversationId === null || !windows.some((window) => showsConversation(window, conversationId));
}

/** Which open window a click should bring forward: the focused one, else a visible one, else the first. */
export function windowToOpen<T extends WindowState>(windows: readonly T[]): T | undefined {
  return (
    windows.find((window) => window.focused) ??
    windows.find((window) => window.visibilityState === 'visible') ??
    windows[0]
  );
}
