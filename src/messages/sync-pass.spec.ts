import { Types } from 'mongoose';
import type { MessageRecord } from './message.response';
import { SyncPass } from './sync-pass';

describe('SyncPass.record', () => {
  const [a, b, c] = ['a', 'b', 'c'].map(() => new Types.ObjectId().toHexString());
  const settledBefore = 1_000;
  const change = (conversationId: string, changeSeq: number) =>
    ({ conversationId: new Types.ObjectId(conversationId), changeSeq }) as MessageRecord;
  const passFrom = (positions: Record<string, number>) =>
    new SyncPass({ positions, floors: positions, receiptsAt: 0 }, Object.keys(positions), settledBefore);

  it('ends the pass when everything fits: floors move to the settled position, never past it', () => {
    const pass = passFrom({ [a]: 100, [b]: 200 });
    pass.record([change(a, 150), change(b, 1_500)], 5);
    expect(pass.messages.map((m) => m.changeSeq)).toEqual([150, 1_500]);
    expect(pass.hasMore).toBe(false);
    expect(pass.floors).toEqual({ [a]: settledBefore, [b]: settledBefore });
  });

  it('moves every conversation’s position to the last change of a full page, changes of others included', () => {
    const pass = passFrom({ [a]: 100, [b]: 100, [c]: 400 });
    pass.record([change(a, 150), change(b, 160), change(a, 300), change(b, 350)], 3);
    expect(pass.messages.map((m) => m.changeSeq)).toEqual([150, 160, 300]);
    expect(pass.hasMore).toBe(true);
    // Everything up to 300 was returned in every conversation; c was further on already.
    expect(pass.positions).toEqual({ [a]: 300, [b]: 300, [c]: 400 });
    expect(pass.floors).toEqual({ [a]: 300, [b]: 300, [c]: 400 });
  });

  it('leaves changes that tie with the first one left out for the next page', () => {
    const pass = passFrom({ [a]: 0, [b]: 0 });
    pass.record([change(a, 10), change(a, 20), change(b, 20)], 2);
    expect(pass.messages.map((m) => m.changeSeq)).toEqual([10]);
    expect(pass.positions).toEqual({ [a]: 10, [b]: 10 });
  });

  it('lists joined and left conversations against the previous cursor', () => {
    const pass = new SyncPass(
      { positions: { [a]: 5, [b]: 5 }, floors: { [a]: 5, [b]: 5 }, receiptsAt: 0 },
      [b, c],
      settledBefore,
    );
    expect(pass.joined).toEqual([c]);
    expect(pass.left).toEqual([a]);
    expect(pass.positions).toEqual({ [b]: 5, [c]: 0 });
  });
});
