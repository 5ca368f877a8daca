import { NotifyLevel } from '../../conversations/notification-preferences';
import { entryAllowed, messageMayNotify, messageRecipients } from './inbox-policy';

const message = (overrides: Partial<Parameters<typeof messageMayNotify>[0]> = {}) => ({
  senderId: 's',
  mentions: [],
  broadcast: null,
  replyTo: null,
  ...overrides,
});
const state = (notify: `${NotifyLevel}`, muted = false) => ({ notify: notify as NotifyLevel, muted });

describe('messageMayNotify', () => {
  it('is false for a plain message, a self-mention and a reply to oneself', () => {
    expect(messageMayNotify(message())).toBe(false);
    expect(messageMayNotify(message({ mentions: ['s'] }))).toBe(false);
    expect(messageMayNotify(message({ replyTo: { messageId: 'm', senderId: 's' } }))).toBe(false);
  });

  it('is true for a mention of someone else, a broadcast and a reply to someone else', () => {
    expect(messageMayNotify(message({ mentions: ['a'] }))).toBe(true);
    expect(messageMayNotify(message({ broadcast: 'here' }))).toBe(true);
    expect(messageMayNotify(message({ replyTo: { messageId: 'm', senderId: 'a' } }))).toBe(true);
  });
});

describe('entryAllowed', () => {
  it('keeps nothing at level none, no reactions at level mentions, everything at level all', () => {
    expect(entryAllowed('mention', state('none'))).toBe(false);
    expect(entryAllowed('added_to_conversation', state('none'))).toBe(false);
    expect(entryAllowed('reaction', state('mentions'))).toBe(false);
    expect(entryAllowed('mention', state('mentions'))).toBe(true);
    expect(entryAllowed('role_changed', state('mentions'))).toBe(true);
    expect(entryAllowed('reaction', state('all', true))).toBe(true);
  });
});

describe('messageRecipients', () => {
  const none = { candidates: [], states: new Map() };

  it('gives the replied-to sender a reply entry and no mention entry', () => {
    const reply = { messageId: 'm', senderId: 'a' };
    expect(messageRecipients(message({ mentions: ['a', 'b'], replyTo: reply }), none)).toEqual({
      reply: 'a',
      mentions: ['b'],
    });
  });

  it('never notifies the sender, and counts each person once', () => {
    expect(
      messageRecipients(message({ mentions: ['s', 'a'] }), {
        candidates: ['a', 's'],
        states: new Map([
          ['a', state('all')],
          ['s', state('all')],
        ]),
      }),
    ).toEqual({
      reply: null,
      mentions: ['a'],
    });
  });

  it('reaches broadcast candidates at level all or mentions who have not muted, but direct mentions of anyone', () => {
    const states = new Map([
      ['all', state('all')],
      ['mentions', state('mentions')],
      ['none', state('none')],
      ['muted', state('all', true)],
      ['mutedMentioned', state('all', true)],
    ]);
    const result = messageRecipients(message({ broadcast: 'all', mentions: ['mutedMentioned'] }), {
      candidates: ['all', 'mentions', 'none', 'muted', 'mutedMentioned', 'left'],
      states,
    });
    expect(result.mentions.sort()).toEqual(['all', 'mentions', 'mutedMentioned']);
  });
});
