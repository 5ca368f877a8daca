import { pushCandidates, recipientsNotReached } from './push-audience';

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

describe('recipientsNotReached', () => {
  const members = new Map([
    ['sender', 'owner'],
    ['bob', 'member'],
    ['carol', 'member'],
  ]);

  it('is empty when every recipient was reached live', () => {
    expect(
      recipientsNotReached({ senderId: 'sender', members, recipientsReached: ['bob', 'carol'] }),
    ).toEqual([]);
  });

  it('names the recipients who were offline', () => {
    expect(recipientsNotReached({ senderId: 'sender', members, recipientsReached: ['bob'] })).toEqual([
      'carol',
    ]);
  });

  it('names every recipient when who was online is unknown (large conversations, presence unreadable)', () => {
    expect(recipientsNotReached({ senderId: 'sender', members })).toEqual(['bob', 'carol']);
  });

  it('never names the sender', () => {
    expect(recipientsNotReached({ senderId: 'sender', members, recipientsReached: [] })).toEqual([
      'bob',
      'carol',
    ]);
  });
});
