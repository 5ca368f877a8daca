import { mayNeedPush, pushCandidates } from './push-audience';

describe('pushCandidates', () => {
  const members = [
    { userId: 'sender', muted: false },
    { userId: 'bob', muted: false },
    { userId: 'carol', muted: true },
    { userId: 'dave', muted: true },
  ];

  it('never includes the sender', () => {
    expect(pushCandidates([{ userId: 'sender', muted: false }], 'sender', [])).toEqual([]);
  });

  it('leaves out members who muted the conversation', () => {
    expect(pushCandidates(members, 'sender', [])).toEqual(['bob']);
  });

  it('includes a muted member the message mentions', () => {
    expect(pushCandidates(members, 'sender', ['carol'])).toEqual(['bob', 'carol']);
  });

  it('leaves out the sender even when mentioned', () => {
    expect(pushCandidates(members, 'sender', ['sender'])).toEqual(['bob']);
  });
});

describe('mayNeedPush', () => {
  it('is false when every recipient was reached live', () => {
    expect(mayNeedPush({ recipientCount: 2, recipientsReached: ['bob', 'carol'] })).toBe(false);
  });

  it('is true when some recipient was offline', () => {
    expect(mayNeedPush({ recipientCount: 2, recipientsReached: ['bob'] })).toBe(true);
  });

  it('is true when who was online is unknown (large conversations, presence unreadable)', () => {
    expect(mayNeedPush({ recipientCount: 2 })).toBe(true);
  });

  it('is true for an empty reach', () => {
    expect(mayNeedPush({ recipientCount: 1, recipientsReached: [] })).toBe(true);
  });
});
