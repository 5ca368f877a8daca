import type { InboxFilter } from '../notifications/inbox-pages';

/** Every query key of the client, in one place, so updates from socket events hit the right cache entry. */
export const queryKeys = {
  me: ['me'] as const,
  conversations: ['conversations'] as const,
  conversation: (id: string) => ['conversation', id] as const,
  messages: (conversationId: string) => ['messages', conversationId] as const,
  receipts: (conversationId: string) => ['receipts', conversationId] as const,
  sessions: ['sessions'] as const,
  blocks: ['blocks'] as const,
  authProviders: ['auth-providers'] as const,
  dataExport: ['data-export'] as const,
  pushKey: ['push-key'] as const,
  pushSubscription: ['push-subscription'] as const,
  userSearch: (q: string) => ['user-search', q] as const,
  /** A message search (`GET /search/messages`), keyed by its query string; every page under one entry. */
  messageSearch: (query: string) => ['message-search', query] as const,
  /** The sidebar's conversation filter (`GET /conversations?q=`). */
  conversationSearch: (q: string) => ['conversation-search', q] as const,
  /** The notification center's lists (every filter under one prefix). */
  notifications: ['notifications'] as const,
  notificationList: (filter: InboxFilter) => ['notifications', filter] as const,
  unreadNotifications: ['unread-notifications'] as const,
  notificationSettings: ['notification-settings'] as const,
  /** A conversation's live call (`GET /conversations/:id/calls/active`), for its "Join call" banner. */
  activeCall: (conversationId: string) => ['active-call', conversationId] as const,
  callHistory: ['call-history'] as const,
};
