/**
 * Issue #29's wire shapes (the shared contract) that the server does not export yet. Each is replaced by a
 * type-only re-export from `@server/*` in types.ts as soon as its owner's code is on main; nothing here may
 * outlive that.
 */
export type NotificationKind =
  'mention' | 'reply' | 'reaction' | 'added_to_conversation' | 'role_changed' | 'missed_call' | 'service';

export interface NotificationResponse {
  id: string;
  kind: NotificationKind;
  conversationId: string | null;
  messageId: string | null;
  actors: Array<{ id: string; displayName: string; avatarUrl: string | null }>;
  actorCount: number;
  count: number;
  emoji: string | null;
  role: 'owner' | 'admin' | 'member' | null;
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

export type NotificationsReadPayload =
  | { ids: string[]; all: false; unreadCount: number }
  | { ids: []; all: true; before: string | null; unreadCount: number };

export interface NotificationDeletedPayload {
  id: string;
  unreadCount: number;
}

export interface ApiKeyResponse {
  id: string;
  name: string;
  scopes: string[];
  prefix: string;
  createdAt: string;
  createdBy: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export interface CreatedApiKeyResponse extends ApiKeyResponse {
  key: string;
}

/** The Web Push payload of an inbox entry (src/notifications/notification-push-content.ts on the inbox's branch). */
export interface NotificationPush {
  type: 'notification';
  notificationId: string;
  kind: NotificationKind;
  conversationId: string | null;
  messageId: string | null;
  count: number;
  title: string;
  body: string;
}
