import { Types } from 'mongoose';
import type { LastRecorded } from './conversations.repository';
import { deliveredPointerOf, deliveryCatchUp, readPointerOf } from './receipt-pointers';

describe('readPointerOf', () => {
  const userId = new Types.ObjectId();
  const readAt = new Date('2026-01-01T10:00:00Z');
  const membership = { userId, readSeq: 5, readAt };

  it('takes the member’s own newest message when it is past the marked read pointer, timed by it', () => {
    const conversation = { sentUpTo: { [userId.toHexString()]: 8 } };
    expect(readPointerOf(conversation, membership)).toEqual({ seq: 8, at: null });
  });

  it('keeps the marked read pointer and its time when it is further on, or the member never sent', () => {
    const conversation = { sentUpTo: { [userId.toHexString()]: 3 } };
    expect(readPointerOf(conversation, membership)).toEqual({ seq: 5, at: readAt });
    expect(readPointerOf({}, membership)).toEqual({ seq: 5, at: readAt });
    expect(readPointerOf({}, { userId, readSeq: 0 })).toEqual({ seq: 0, at: null });
  });
});

describe('deliveredPointerOf', () => {
  const userId = new Types.ObjectId().toHexString();
  const early = new Date('2026-01-01T09:00:00Z');
  const readAt = new Date('2026-01-01T10:00:00Z');
  const none = { seqs: {}, at: {} };

  it('takes the higher of the pointer recorded by the messages (timed by its message) and the document’s', () => {
    const conversation = { deliveredUpTo: { [userId]: 9 } };
    const deliveries = { seqs: { [userId]: 4 }, at: { [userId]: early } };
    const member = { userId, readSeq: 2, readAt };
    expect(deliveredPointerOf(conversation, deliveries, member)).toEqual({ seq: 9, at: null });
    expect(deliveredPointerOf({}, deliveries, member)).toEqual({ seq: 4, at: early });
    expect(deliveredPointerOf({ deliveredUpTo: { [userId]: 3 } }, deliveries, member)).toEqual({
      seq: 4,
      at: early,
    });
  });

  it('counts a read pointer further on as delivered there, at the read pointer’s time', () => {
    const conversation = { deliveredUpTo: { [userId]: 5 } };
    expect(deliveredPointerOf(conversation, none, { userId, readSeq: 7, readAt })).toEqual({
      seq: 7,
      at: readAt,
    });
    // A read pointer moved by the member's own message is timed by that message, and so is delivery.
    expect(deliveredPointerOf(conversation, none, { userId, readSeq: 7, readAt: null })).toEqual({
      seq: 7,
      at: null,
    });
    expect(deliveredPointerOf({}, none, { userId, readSeq: 0, readAt: null })).toEqual({
      seq: 0,
      at: null,
    });
  });
});

describe('deliveryCatchUp', () => {
  const [me, ann, ben, cat] = ['me', 'ann', 'ben', 'cat'];
  const none = { seqs: {}, at: {} };
  const recorded = (fields: Partial<LastRecorded>): LastRecorded => ({
    seq: 9,
    senderId: ann,
    sentUpTo: {},
    deliveredUpTo: {},
    ...fields,
  });

  it('moves to the last message and names the senders of the messages it passes over', () => {
    const last = recorded({ sentUpTo: { [ann]: 9, [ben]: 6, [cat]: 3, [me]: 2 } });
    expect(deliveryCatchUp({ userId: me, readSeq: 1 }, last, none)).toEqual({
      seq: 9,
      senderIds: [ann, ben, cat],
    });
    expect(deliveryCatchUp({ userId: me, readSeq: 4 }, last, none)).toEqual({
      seq: 9,
      senderIds: [ann, ben],
    });
  });

  it('starts from the furthest of the read, own-message, recorded and delivery-document pointers', () => {
    const sentUpTo = { [ann]: 9, [ben]: 7, [cat]: 5 };
    const from = (pointers: Partial<LastRecorded>, deliveries = none, readSeq = 0) =>
      deliveryCatchUp({ userId: me, readSeq }, recorded({ sentUpTo, ...pointers }), deliveries)?.senderIds;
    expect(from({ sentUpTo: { ...sentUpTo, [me]: 6 } })).toEqual([ann, ben]);
    expect(from({ deliveredUpTo: { [me]: 6 } })).toEqual([ann, ben]);
    expect(from({}, { seqs: { [me]: 8 }, at: {} })).toEqual([ann]);
    expect(from({}, none, 7)).toEqual([ann]);
  });

  it('names the last sender alone where senders’ seqs are not recorded (large conversations)', () => {
    expect(deliveryCatchUp({ userId: me, readSeq: 0 }, recorded({}), none)).toEqual({
      seq: 9,
      senderIds: [ann],
    });
  });

  it('has nothing to move when the member is there already, sent the last message, or nothing was sent', () => {
    expect(deliveryCatchUp({ userId: me, readSeq: 9 }, recorded({}), none)).toBeUndefined();
    expect(deliveryCatchUp({ userId: me, readSeq: 0 }, recorded({ senderId: me }), none)).toBeUndefined();
    expect(
      deliveryCatchUp(
        { userId: me, readSeq: 0 },
        { seq: 0, senderId: null, sentUpTo: {}, deliveredUpTo: {} },
        none,
      ),
    ).toBeUndefined();
  });
});
