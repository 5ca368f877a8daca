import { NotifyLevel } from '../conversations/notification-preferences';
import { pushCandidates, recipientsNotReached } from './push-audience';

describe('pushCandidates', () => {
  const state = (notify: NotifyLevel, muted = false) => ({ notify, muted });
  const states = new Map([
    ['sender', state(NotifyLevel.All)],
    ['bob', state(NotifyLevel.All)],
    ['carol', state(NotifyLevel.All, true)],
    ['dave', state(NotifyLevel.Mentions)],
    ['erin', state(NotifyLevel.None)],
  ]);
  const plain = { senderId: 'sender', mentions: [], repliedToUserId: null, mentionsAll: false };

  it('never includes the sender, even when mentioned', () => {
    expect(pushCandidates(states, { ...plain, mentions: ['sender'] })).toEqual(['bob']);
  });

  it('pushes a plain message only to members at level all who have not muted the conversation', () => {
    expect(pushCandidates(states, plain)).toEqual(['bob']);
  });

  it('reaches muted and mentions-only members the message mentions or replies to', () => {
    expect(pushCandidates(states, { ...plain, mentions: ['carol'] })).toEqual(['bob', 'carol']);
    expect(pushCandidates(states, { ...plain, repliedToUserId: 'dave' })).toEqual(['bob', 'dave']);
  });

  it('reaches with @all the members at level mentions who have not muted the conversation', () => {
    expect(pushCandidates(states, { ...plain, mentionsAll: true })).toEqual(['bob', 'dave']);
  });

  it('never reaches a member at level none, mentioned or not', () => {
    expect(pushCandidates(states, { ...plain, mentions: ['erin'], repliedToUserId: 'erin' })).toEqual([
      'bob',
    ]);
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
