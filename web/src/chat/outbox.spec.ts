import { describe, expect, it } from 'vitest';
import type { MessageResponse } from '../api/types';
import { Outbox, type PendingMessage, type SendResult } from './outbox';

function stored(pending: PendingMessage, seq: number): SendResult {
  return {
    kind: 'stored',
    message: {
      id: `m${seq}`,
      clientMessageId: pending.clientMessageId,
      seq,
      conversationId: pending.conversationId,
    } as MessageResponse,
  };
}

const text = (content: string) => ({ conversationId: 'c1', content, type: 'text' as const, attachments: [] });

describe('Outbox', () => {
  it('holds messages typed while offline and sends each once, in order, with the id it got when typed', async () => {
    const attempts: PendingMessage[] = [];
    const storedMessages: MessageResponse[] = [];
    let seq = 0;
    const outbox = new Outbox(
      async (pending) => {
        attempts.push(pending);
        seq += 1;
        return stored(pending, seq);
      },
      (message) => storedMessages.push(message),
    );

    const first = outbox.enqueue(text('one'));
    const second = outbox.enqueue(text('two'));
    expect(attempts).toHaveLength(0);
    expect(outbox.snapshot().map((item) => item.status)).toEqual(['queued', 'queued']);

    outbox.setOnline(true);
    await outbox.flush();
    await new Promise((resolve) => setTimeout(resolve, 0));

    expect(attempts.map((item) => item.clientMessageId)).toEqual([
      first.clientMessageId,
      second.clientMessageId,
    ]);
    expect(storedMessages.map((message) => message.seq)).toEqual([1, 2]);
    expect(outbox.snapshot()).toHaveLength(0);
  });

  it('resends with the same clientMessageId after a lost ack, and later messages wait their turn', async () => {
    const attempts: string[] = [];
    let lose = true;
    const outbox = new Outbox(
      async (pending) => {
        attempts.push(`${pending.content}:${pending.clientMessageId}`);
        if (lose) {
          lose = false;
          return { kind: 'retry' };
        }
        return stored(pending, attempts.length);
      },
      () => undefined,
    );
    const first = outbox.enqueue(text('one'));
    outbox.enqueue(text('two'));
    outbox.setOnline(true);
    await outbox.flush();
    expect(attempts).toEqual([`one:${first.clientMessageId}`]);

    outbox.setOnline(false);
    outbox.setOnline(true); // the reconnect
    await outbox.flush();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(attempts[1]).toBe(`one:${first.clientMessageId}`);
    expect(attempts[2]?.startsWith('two:')).toBe(true);
    expect(outbox.snapshot()).toHaveLength(0);
  });

  it('marks a refused message failed and goes on with the next', async () => {
    const outbox = new Outbox(
      async (pending) =>
        pending.content === 'bad'
          ? { kind: 'refused', code: 'VALIDATION_FAILED', message: 'too long' }
          : stored(pending, 1),
      () => undefined,
    );
    outbox.enqueue(text('bad'));
    outbox.enqueue(text('good'));
    outbox.setOnline(true);
    await outbox.flush();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(outbox.snapshot()).toMatchObject([
      { content: 'bad', status: 'failed', error: 'too long', errorCode: 'VALIDATION_FAILED' },
    ]);
  });

  it('drops a pending message the server announced before its ack arrived', () => {
    const outbox = new Outbox(
      () => new Promise<SendResult>(() => undefined),
      () => undefined,
    );
    const pending = outbox.enqueue(text('hello'));
    outbox.settle({ clientMessageId: pending.clientMessageId } as MessageResponse);
    expect(outbox.snapshot()).toHaveLength(0);
  });
});
