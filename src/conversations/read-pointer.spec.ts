import { Types } from 'mongoose';
import { readPointerOf } from './read-pointer';

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
