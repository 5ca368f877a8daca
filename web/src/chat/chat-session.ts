import type { QueryClient } from '@tanstack/react-query';
import { ApiError } from '../api/api-error';
import type { HttpClient } from '../api/http';
import type { ConversationResponse, MessageResponse, SyncResponse } from '../api/types';
import type { TokenStore } from '../auth/token-store';
import { queryKeys } from '../app/query-keys';
import { CallEngine } from '../calls/call-engine';
import { NotificationsInbox } from '../notifications/notifications-inbox';
import { ChatConnection } from '../realtime/connection';
import { applyMessageToList } from './conversation-list';
import { KeyedStore, type Presence, TypingStore } from './ephemeral-store';
import { emptyWindow, firstGapAfter, mergeMessages, type MessageWindow, prependPage } from './message-list';
import { Outbox, RETRYABLE_CODES, type PendingMessage, type SendResult } from './outbox';
import { advance, type Pointers, pointersFromReceipts } from './receipt-pointers';
import { bindSessionEvents } from './session-events';
import { type AckDataOf, callWithAck, type ClientEventName, type PayloadOf } from './socket-call';
import { SocketCallError } from './socket-call-error';

/** SocketCallError codes made by the client itself (no answer from the server). */
const LOCAL_CODES = new Set(['OFFLINE', 'TIMEOUT']);

/**
 * Everything realtime for one signed-in user: the socket, the outbox, `/sync` catch-up, and the events that
 * keep the query cache (conversations, message windows) and the ephemeral stores (typing, presence,
 * receipts) current. Created at sign-in, stopped at sign-out.
 */
export class ChatSession {
  readonly connection: ChatConnection;
  readonly outbox: Outbox;
  readonly typing = new TypingStore();
  readonly presence = new KeyedStore<Presence>();
  readonly receipts = new KeyedStore<Pointers>();
  readonly notifications: NotificationsInbox;
  readonly calls: CallEngine;
  /** The conversation on screen: its incoming messages are read as they arrive. */
  private openConversationId: string | null = null;
  private syncCursor: string | undefined;
  private readonly filling = new Set<string>();
  private catchingUp: Promise<void> | null = null;

  constructor(
    readonly myUserId: string,
    private readonly http: HttpClient,
    tokens: TokenStore,
    readonly queries: QueryClient,
  ) {
    this.connection = new ChatConnection(tokens, http);
    this.notifications = new NotificationsInbox(queries, http);
    this.outbox = new Outbox(
      (pending) => this.sendOnce(pending),
      (message) => this.applyMessages([message]),
    );
    this.connection.subscribe(() => this.outbox.setOnline(this.connection.state === 'online'));
    this.calls = new CallEngine({
      myUserId,
      socket: this.connection.socket,
      emit: (event, payload) => this.call(event, payload),
      fetchIceServers: () => http.get('/calls/ice-servers'),
      onConversationCallChanged: (conversationId) =>
        void queries.invalidateQueries({ queryKey: queryKeys.activeCall(conversationId) }),
    });
    this.connection.onReconnected = () => {
      void this.calls.rejoin();
      void this.catchUp();
      void this.queries.invalidateQueries({ queryKey: ['presence'] });
      this.notifications.refresh();
    };
    bindSessionEvents(this.connection.socket, this);
  }

  /** The conversation on screen (null when none): its incoming messages do not count as unread. */
  setOpenConversation(conversationId: string | null): void {
    this.openConversationId = conversationId;
  }

  async start(): Promise<void> {
    // A first sync returns only a cursor: state comes from REST, changes after now from /sync.
    const first = await this.http.get<SyncResponse>('/sync').catch(() => null);
    this.syncCursor = first?.cursor;
    this.connection.start();
  }

  stop(): void {
    this.calls.stop();
    this.connection.stop();
  }

  /** Catch up on everything missed while disconnected, page by page, keyed by id (nothing twice). */
  catchUp(): Promise<void> {
    // Reconnects can come quickly one after another; one pass at a time keeps the cursor consistent.
    this.catchingUp ??= this.catchUpOnce().finally(() => {
      this.catchingUp = null;
    });
    return this.catchingUp;
  }

  private async catchUpOnce(): Promise<void> {
    let hasMore = true;
    while (hasMore) {
      let page: SyncResponse;
      try {
        page = await this.http.get<SyncResponse>('/sync', { since: this.syncCursor });
      } catch (error) {
        if (error instanceof ApiError && error.code === 'SYNC_CURSOR_EXPIRED') {
          await this.reload();
        }
        return;
      }
      this.applySyncPage(page);
      this.syncCursor = page.cursor;
      hasMore = page.hasMore;
    }
  }

  /** Too long away for /sync: start over from REST with a fresh cursor. */
  private async reload(): Promise<void> {
    this.syncCursor = (await this.http.get<SyncResponse>('/sync')).cursor;
    await this.queries.invalidateQueries({ queryKey: queryKeys.conversations });
    this.queries.removeQueries({ queryKey: ['messages'] });
  }

  private applySyncPage(page: SyncResponse): void {
    this.applyMessages(page.messages);
    for (const { conversationId, members } of page.receipts) {
      let pointers = this.receipts.get(conversationId);
      for (const member of members) {
        pointers = advance(pointers, [member.userId], member.deliveredSeq, 'delivered');
        pointers = advance(pointers, [member.userId], member.readSeq, 'read');
      }
      this.receipts.set(conversationId, pointers);
    }
    if (page.conversations.joined.length > 0 || page.conversations.left.length > 0) {
      void this.queries.invalidateQueries({ queryKey: queryKeys.conversations });
    }
  }

  /** A client event with its ack: the ack's data, or a SocketCallError with the server's code. */
  call<E extends ClientEventName>(event: E, payload: PayloadOf<E>): Promise<AckDataOf<E>> {
    return callWithAck(this.connection.socket, event, payload);
  }

  /** The page before the oldest message held; anchoring the scroll is the view's job. */
  async loadOlder(conversationId: string): Promise<void> {
    const window = this.queries.getQueryData<MessageWindow>(queryKeys.messages(conversationId));
    const first = window?.messages[0]?.seq;
    if (!window || first === undefined || !window.hasOlder) {
      return;
    }
    const page = await this.http.get<{ items: MessageResponse[]; hasMore: boolean }>(
      `/conversations/${conversationId}/messages`,
      { before: first, limit: 50 },
    );
    this.queries.setQueryData<MessageWindow>(queryKeys.messages(conversationId), (current) =>
      prependPage(current ?? emptyWindow, page.items, page.hasMore),
    );
  }

  /** Fills a hole in a loaded window (an event missed) with `after=`, until the seqs are contiguous. */
  async fillGaps(conversationId: string): Promise<void> {
    if (this.filling.has(conversationId)) {
      return;
    }
    this.filling.add(conversationId);
    try {
      for (let round = 0; round < 20; round += 1) {
        const window = this.queries.getQueryData<MessageWindow>(queryKeys.messages(conversationId));
        const gap = window ? firstGapAfter(window) : null;
        if (gap === null) {
          return;
        }
        const page = await this.http.get<{ items: MessageResponse[] }>(
          `/conversations/${conversationId}/messages`,
          {
            after: gap,
            limit: 100,
          },
        );
        if (page.items.length === 0) {
          return;
        }
        this.applyMessages(page.items);
      }
    } catch {
      // The next event or reconnect tries again.
    } finally {
      this.filling.delete(conversationId);
    }
  }

  /** The receipt pointers of a conversation as they stand, from the receipts of my newest message in it. */
  async loadReceipts(conversationId: string, message: Pick<MessageResponse, 'id' | 'seq'>): Promise<void> {
    const answer = await this.http.get<{
      receipts: Array<{ userId: string; status: 'sent' | 'delivered' | 'read' }>;
    }>(`/conversations/${conversationId}/messages/${message.id}/receipts`);
    this.receipts.set(
      conversationId,
      pointersFromReceipts(this.receipts.get(conversationId), message.seq, answer.receipts),
    );
  }

  /** Messages from any source (ack, event, sync) into the message windows and the conversation list. */
  applyMessages(messages: readonly MessageResponse[]): void {
    const touched = new Set<string>();
    for (const message of messages) {
      touched.add(message.conversationId);
      this.outbox.settle(message);
      this.queries.setQueryData<MessageWindow>(queryKeys.messages(message.conversationId), (window) =>
        window ? mergeMessages(window, [message]) : undefined,
      );
      this.updateList((list) =>
        applyMessageToList(list, message, {
          myUserId: this.myUserId,
          openConversationId: this.openConversationId,
        }),
      );
    }
    const list = this.queries.getQueryData<ConversationResponse[]>(queryKeys.conversations);
    if (list && [...touched].some((id) => !list.some((conversation) => conversation.id === id))) {
      // A conversation someone else just started with me (or added me to): load its row.
      void this.queries.invalidateQueries({ queryKey: queryKeys.conversations });
    }
    for (const conversationId of touched) {
      const window = this.queries.getQueryData<MessageWindow>(queryKeys.messages(conversationId));
      if (window && firstGapAfter(window) !== null) {
        void this.fillGaps(conversationId);
      }
    }
  }

  private async sendOnce(pending: PendingMessage): Promise<SendResult> {
    try {
      const message = await this.call('send_message', {
        conversationId: pending.conversationId,
        clientMessageId: pending.clientMessageId,
        content: pending.content,
        replyTo: pending.replyTo,
        // A message refers to its uploads by id; the server derives its type from them, so none is sent.
        ...(pending.attachments.length > 0
          ? { attachments: pending.attachments.map((file) => ({ uploadId: file.uploadId })) }
          : { type: 'text' as const }),
      });
      return { kind: 'stored', message };
    } catch (error) {
      // Offline, no ack in time, or a passing refusal: resend later with the same clientMessageId.
      if (
        error instanceof SocketCallError &&
        !RETRYABLE_CODES.has(error.code) &&
        !LOCAL_CODES.has(error.code)
      ) {
        return { kind: 'refused', code: error.code, message: error.message };
      }
      return { kind: 'retry' };
    }
  }

  updateList(change: (list: ConversationResponse[]) => ConversationResponse[]): void {
    this.queries.setQueryData<ConversationResponse[]>(queryKeys.conversations, (list) =>
      list ? change(list) : list,
    );
  }

  updateWindow(conversationId: string, change: (window: MessageWindow) => MessageWindow): void {
    this.queries.setQueryData<MessageWindow>(queryKeys.messages(conversationId), (window) =>
      change(window ?? emptyWindow),
    );
  }
}
