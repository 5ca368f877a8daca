import { describe, expect, it } from 'vitest';
import { blockNotice, DIRECT_BLOCKED } from './block-notice';
import type { PendingMessage } from './outbox';

function failed(errorCode: string, error: string): PendingMessage {
  return {
    clientMessageId: errorCode,
    conversationId: 'c1',
    content: 'hi',
    type: 'text',
    attachments: [],
    createdAt: '2026-01-01T10:00:00.000Z',
    status: 'failed',
    error,
    errorCode,
  };
}

describe('blockNotice', () => {
  it('says nothing in a chat without a block', () => {
    expect(blockNotice('Bo', false, [])).toBeNull();
    expect(blockNotice('Bo', false, [failed('VALIDATION_FAILED', 'too long')])).toBeNull();
  });

  it('tells the blocker how to write again', () => {
    expect(blockNotice('Bo', true, [])).toEqual({
      kind: 'blocked-by-me',
      text: 'You blocked Bo. Unblock to send messages.',
    });
  });

  it("shows the server's words when a send was refused for a block", () => {
    expect(blockNotice('Bo', false, [failed(DIRECT_BLOCKED, 'one of you blocked the other')])).toEqual({
      kind: 'refused',
      text: 'one of you blocked the other',
    });
  });
});
