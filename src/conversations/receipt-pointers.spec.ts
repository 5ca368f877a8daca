import { Types } from 'mongoose';
import { deliveredPointerOf, readPointerOf } from './receipt-pointers';

describe('readPointerOf', () => {
  const userId = new Types.ObjectId();
  const readAt = new Date('2026-01-01T10:00:00Z');
  const sentAt = new Date('2026-01-01T11:00:00Z');
  const membership = { userId, readSeq: 5, readAt };

  it('takes the member’s own newest message when it is past the marked read pointer', () => {
    const conversation = {
      sentUpTo: { [userId.toHexString()]: 8 },
      sentAt: { [userId.toHexString()]: sentAt },
    };
    expect(readPointerOf(conversation, membership)).toEqual({ seq: 8, at: sentAt });
  });

  it('keeps the marked read pointer when it is further on, or the member never sent', () => {
    const conversation = {
      sentUpTo: { [userId.toHexString()]: 3 },
      sentAt: { [userId.toHexString()]: sentAt },
    };
    expect(readPointerOf(conversation, membership)).toEqual({ seq: 5, at: readAt });
    expect(readPointerOf({}, membership)).toEqual({ seq: 5, at: readAt });
    expect(readPointerOf({}, { userId, readSeq: 0 })).toEqual({ seq: 0, at: null });
  });
});

describe('deliveredPointerOf', () => {
  const userId = new Types.ObjectId().toHexString();
  const early = new Date('2026-01-01T09:00:00Z');
  const late = new Date('2026-01-01T12:00:00Z');
  const readAt = new Date('2026-01-01T10:00:00Z');
  const none = { seqs: {}, at: {} };

  it('takes the higher of the pointer recorded by the messages and the delivery document’s', () => {
    const conversation = { deliveredUpTo: { [userId]: 9 }, deliveredAt: { [userId]: late } };
    const deliveries = { seqs: { [userId]: 4 }, at: { [userId]: early } };
    const member = { userId, readSeq: 2, readAt };
    expect(deliveredPointerOf(conversation, deliveries, member)).toEqual({ seq: 9, at: late });
    expect(deliveredPointerOf({}, deliveries, member)).toEqual({ seq: 4, at: early });
    expect(deliveredPointerOf({ deliveredUpTo: { [userId]: 3 } }, deliveries, member)).toEqual({
      seq: 4,
      at: early,
    });
  });

  it('counts a read pointer further on as delivered there, when the member read it', () => {
    const conversation = { deliveredUpTo: { [userId]: 5 }, deliveredAt: { [userId]: early } };
    expect(deliveredPointerOf(conversation, none, { userId, readSeq: 7, readAt })).toEqual({
      seq: 7,
      at: readAt,
    });
    expect(deliveredPointerOf(conversation, none, { userId, readSeq: 7, readAt: null })).toEqual({
      seq: 7,
      at: early,
    });
    expect(deliveredPointerOf({}, none, { userId, readSeq: 0, readAt: null })).toEqual({
      seq: 0,
      at: null,
    });
  });
});
