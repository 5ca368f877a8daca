import type { AttachmentResponse, MessageResponse } from '../api/types';

/** A message the user sent that the server has not acknowledged yet. */
export interface PendingMessage {
  clientMessageId: string;
  conversationId: string;
  content: string;
  /** The type the message will have (the server derives it from the attachments): shown while pending. */
  type: 'text' | 'image' | 'video' | 'audio' | 'voice' | 'file';
  replyTo?: string;
  /** The uploads as POST /uploads answered them: drawn while pending, sent as their ids. */
  attachments: Array<AttachmentResponse & { uploadId: string }>;
  createdAt: string;
  /** `failed` needs the user (retry or discard): the server refused it for good. */
  status: 'queued' | 'sending' | 'failed';
  error?: string;
  /** The server's code for a refusal, so the screen can explain it (e.g. DIRECT_CONVERSATION_BLOCKED). */
  errorCode?: string;
}

export type NewPending = Pick<
  PendingMessage,
  'conversationId' | 'content' | 'type' | 'replyTo' | 'attachments'
>;

/** What one attempt to send came to. */
export type SendResult =
  | { kind: 'stored'; message: MessageResponse }
  /** Retry later with the same clientMessageId (no ack, disconnected, rate limited, server busy). */
  | { kind: 'retry' }
  | { kind: 'refused'; code: string; message: string };

export type Sender = (pending: PendingMessage) => Promise<SendResult>;

/** Error codes after which the same send may succeed later. */
export const RETRYABLE_CODES = new Set([
  'REALTIME_UNAVAILABLE',
  'RATE_LIMITED',
  'INTERNAL',
  'SEND_IN_PROGRESS',
]);

/**
 * Optimistic sending with exactly-once delivery: every message gets a clientMessageId when the user sends
 * it and keeps it across retries, so the server stores it once however many times it is resent (after a
 * lost ack, while offline, after a reconnect). Messages leave one at a time, in the order they were typed.
 */
export class Outbox {
  private items: PendingMessage[] = [];
  private readonly listeners = new Set<() => void>();
  private flushing = false;
  private online = false;

  constructor(
    private readonly send: Sender,
    private readonly onStored: (message: MessageResponse) => void,
    private readonly newId: () => string = () => crypto.randomUUID(),
  ) {}

  snapshot(): readonly PendingMessage[] {
    return this.items;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  enqueue(message: NewPending): PendingMessage {
    const pending: PendingMessage = {
      ...message,
      clientMessageId: this.newId(),
      createdAt: new Date().toISOString(),
      status: 'queued',
    };
    this.replace([...this.items, pending]);
    void this.flush();
    return pending;
  }

  /** The connection came (back): send whatever waits. Going offline stops after the current attempt. */
  setOnline(online: boolean): void {
    this.online = online;
    if (online) {
      void this.flush();
    }
  }

  retry(clientMessageId: string): void {
    this.patch(clientMessageId, { status: 'queued', error: undefined, errorCode: undefined });
    void this.flush();
  }

  discard(clientMessageId: string): void {
    this.replace(this.items.filter((item) => item.clientMessageId !== clientMessageId));
  }

  /** The server announced one of ours (e.g. `new_message` before the ack, or `/sync` after a lost ack). */
  settle(message: MessageResponse): void {
    if (this.items.some((item) => item.clientMessageId === message.clientMessageId)) {
      this.discard(message.clientMessageId);
    }
  }

  async flush(): Promise<void> {
    if (this.flushing) {
      return;
    }
    this.flushing = true;
    try {
      let next = this.nextQueued();
      while (this.online && next) {
        this.patch(next.clientMessageId, { status: 'sending' });
        const result = await this.send(next);
        if (!this.applyResult(next, result)) {
          return;
        }
        next = this.nextQueued();
      }
    } finally {
      this.flushing = false;
    }
  }

  /** Returns whether to go on with the next message. */
  private applyResult(pending: PendingMessage, result: SendResult): boolean {
    if (result.kind === 'stored') {
      this.discard(pending.clientMessageId);
      this.onStored(result.message);
      return true;
    }
    if (result.kind === 'retry') {
      // Keep the order: nothing typed later overtakes it. The next reconnect (or retry) sends it again.
      this.patch(pending.clientMessageId, { status: 'queued' });
      if (this.online) {
        setTimeout(() => void this.flush(), 2000);
      }
      return false;
    }
    this.patch(pending.clientMessageId, { status: 'failed', error: result.message, errorCode: result.code });
    return true;
  }

  private nextQueued(): PendingMessage | undefined {
    return this.items.find((item) => item.status === 'queued' || item.status === 'sending');
  }

  private patch(clientMessageId: string, change: Partial<PendingMessage>): void {
    this.replace(
      this.items.map((item) => (item.clientMessageId === clientMessageId ? { ...item, ...change } : item)),
    );
  }

  private replace(items: PendingMessage[]): void {
    this.items = items;
    for (const listener of this.listeners) {
      listener();
    }
  }
}
