import type { NewMessagePush } from '../api/types';

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

/** The push's JSON, or null when it is not a message push this client knows (then a generic line is shown). */
export function parsePush(data: unknown): NewMessagePush | null {
  if (typeof data !== 'object' || data === null) {
    return null;
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

/**
 * The notification for a push: a direct message is titled by its sender, a group message by the group with
 * the sender before the text. The body is the server's (a preview, or its generic line when previews are
 * off). One notification per conversation (its tag): a burst replaces it, alerting again each time.
 */
export function notificationFor(push: NewMessagePush | null): NotificationContent {
  if (!push) {
    return {
      title: 'Parley',
      options: { body: 'New message', tag: 'parley', icon: '/favicon.svg', data: { url: '/' } },
    };
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

/** Whether this window shows the conversation to the user right now (focused, visible, on its page). */
function showsConversation(window: WindowState, conversationId: string): boolean {
  return (
    window.focused &&
    window.visibilityState === 'visible' &&
    new URL(window.url).pathname === conversationPath(conversationId)
  );
}

/** No notification when the user is looking at that conversation already; otherwise always one. */
export function shouldNotify(push: NewMessagePush | null, windows: readonly WindowState[]): boolean {
  return push === null || !windows.some((window) => showsConversation(window, push.conversationId));
}

/** Which open window a click should bring forward: the focused one, else a visible one, else the first. */
export function windowToOpen<T extends WindowState>(windows: readonly T[]): T | undefined {
  return (
    windows.find((window) => window.focused) ??
    windows.find((window) => window.visibilityState === 'visible') ??
    windows[0]
  );
}
