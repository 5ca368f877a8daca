import type { QueryClient } from '@tanstack/react-query';
import type { ConversationResponse, MessageResponse } from '../api/types';
import type { NotificationsInbox } from '../notifications/notifications-inbox';
import { queryKeys } from '../app/query-keys';
import type { ChatSocket } from '../realtime/connection';
import { applyRead } from './conversation-list';
import type { KeyedStore, Presence, TypingStore } from './ephemeral-store';
import { addReaction, markDeleted, type MessageWindow, removeReaction } from './message-list';
import { advance, type Pointers } from './receipt-pointers';

/** What the server's events write to: the session's caches and stores. */
export interface SessionEventTarget {
  readonly myUserId: string;
  readonly queries: QueryClient;
  readonly typing: TypingStore;
  readonly presence: KeyedStore<Presence>;
  readonly receipts: KeyedStore<Pointers>;
  readonly notifications: NotificationsInbox;
  applyMessages(messages: readonly MessageResponse[]): void;
  updateList(change: (list: ConversationResponse[]) => ConversationResponse[]): void;
  updateWindow(conversationId: string, change: (window: MessageWindow) => MessageWindow): void;
}

/** Each server event of `/chat`, applied where the screens read it, without refetching. */
export function bindSessionEvents(socket: ChatSocket, session: SessionEventTarget): void {
  socket.on('new_message', (message) => {
    session.applyMessages([message]);
    session.typing.stop(message.conversationId, message.senderId);
  });
  socket.on('message_edited', (message) => session.applyMessages([message]));
  socket.on('message_deleted', (event) => {
    session.updateWindow(event.conversationId, (window) =>
      // The payload type allows a null time; the message is a tombstone either way.
      markDeleted(window, event.messageId, event.deletedAt ?? new Date().toISOString(), event.removedBy),
    );
    void session.queries.invalidateQueries({ queryKey: queryKeys.conversations });
  });
  socket.on('message_reaction_added', (event) =>
    session.updateWindow(event.conversationId, (window) =>
      addReaction(window, event.messageId, event.userId, event.emoji),
    ),
  );
  socket.on('message_reaction_removed', (event) =>
    session.updateWindow(event.conversationId, (window) =>
      removeReaction(window, event.messageId, event.userId, event.emoji),
    ),
  );
  socket.on('messages_delivered', (event) =>
    session.receipts.set(
      event.conversationId,
      advance(session.receipts.get(event.conversationId), event.userIds, event.upToSeq, 'delivered'),
    ),
  );
  socket.on('messages_read', (event) => {
    session.receipts.set(
      event.conversationId,
      advance(session.receipts.get(event.conversationId), [event.userId], event.upToSeq, 'read'),
    );
    if (event.userId === session.myUserId) {
      session.updateList((list) => applyRead(list, event.conversationId, event.upToSeq));
    }
  });
  socket.on('user_typing', (event) => session.typing.start(event.conversationId, event.userId));
  socket.on('user_stopped_typing', (event) => session.typing.stop(event.conversationId, event.userId));
  socket.on('user_online', (event) => session.presence.set(event.userId, { online: true, lastSeenAt: null }));
  socket.on('user_offline', (event) =>
    session.presence.set(event.userId, { online: false, lastSeenAt: event.lastSeenAt }),
  );
  const refreshList = () => void session.queries.invalidateQueries({ queryKey: queryKeys.conversations });
  socket.on('conversation_updated', refreshList);
  socket.on('member_added', refreshList);
  socket.on('member_removed', refreshList);
  bindNotificationEvents(socket, session.notifications);
}

/** The notification center's events, to every device of the user. */
function bindNotificationEvents(socket: ChatSocket, inbox: NotificationsInbox): void {
  socket.on('notification', (event) => inbox.applyNotification(event));
  socket.on('notifications_read', (event) => inbox.applyRead(event));
  socket.on('notification_deleted', (event) => inbox.applyDeleted(event));
}
