import { describe, expect, it } from 'vitest';
import { actorsText, notificationTarget, notificationText } from './notification-text';
import { asRole, entry, people } from './test-entries';

describe('actorsText', () => {
  it('names one actor, two actors, or the first and how many others', () => {
    expect(actorsText(people('Ana'), 1)).toBe('Ana');
    expect(actorsText(people('Ana', 'Bo'), 2)).toBe('Ana and Bo');
    expect(actorsText(people('Ana', 'Bo', 'Cy'), 5)).toBe('Ana and 4 others');
    expect(actorsText(people('Ana', 'Bo', 'Cy'), 3)).toBe('Ana and 2 others');
  });

  it('says "Someone" when no actor is left to name (a deleted account)', () => {
    expect(actorsText([], 1)).toBe('Someone');
    expect(actorsText(people('Ana'), 2)).toBe('Ana and 1 other');
  });
});

describe('notificationText', () => {
  it('writes a mention with its group, or without a place in a direct chat', () => {
    expect(notificationText(entry('n'), 'Team').text).toBe('Ana mentioned you in Team');
    expect(notificationText(entry('n'), null).text).toBe('Ana mentioned you');
    expect(notificationText(entry('n', { count: 3 }), 'Team').text).toBe('Ana mentioned you 3 times in Team');
    expect(
      notificationText(entry('n', { actors: people('Ana', 'Bo'), actorCount: 2, count: 4 }), 'Team').text,
    ).toBe('Ana and Bo mentioned you in Team');
  });

  it('writes aggregated reactions with the latest emoji', () => {
    const reaction = entry('n', {
      kind: 'reaction',
      emoji: '👍',
      actors: people('Ana', 'Bo', 'Cy'),
      actorCount: 5,
      count: 6,
    });
    expect(notificationText(reaction, null).text).toBe('Ana and 4 others reacted 👍 to your message');
    expect(notificationText(reaction, 'Team').text).toBe(
      'Ana and 4 others reacted 👍 to your message in Team',
    );
  });

  it('writes replies, being added and role changes', () => {
    expect(notificationText(entry('n', { kind: 'reply' }), 'Team').text).toBe(
      'Ana replied to your message in Team',
    );
    expect(notificationText(entry('n', { kind: 'reply', count: 2 }), null).text).toBe(
      'Ana replied 2 times to your message',
    );
    expect(notificationText(entry('n', { kind: 'added_to_conversation' }), 'Team').text).toBe(
      'Ana added you to Team',
    );
    expect(notificationText(entry('n', { kind: 'added_to_conversation' }), null).text).toBe(
      'Ana added you to a group',
    );
    expect(notificationText(entry('n', { kind: 'role_changed', role: asRole('admin') }), 'Team').text).toBe(
      'You are now an admin of Team',
    );
    expect(notificationText(entry('n', { kind: 'role_changed', role: asRole('owner') }), 'Team').text).toBe(
      'You are now the owner of Team',
    );
    expect(notificationText(entry('n', { kind: 'role_changed', role: asRole('member') }), 'Team').text).toBe(
      'You are now a member of Team',
    );
  });

  it('writes missed calls, video unless the data says audio', () => {
    expect(notificationText(entry('n', { kind: 'missed_call' }), null).text).toBe(
      'Missed video call from Ana',
    );
    expect(notificationText(entry('n', { kind: 'missed_call', data: { media: 'audio' } }), null).text).toBe(
      'Missed voice call from Ana',
    );
    expect(notificationText(entry('n', { kind: 'missed_call', count: 3 }), null).text).toBe(
      '3 missed video calls from Ana',
    );
    expect(notificationText(entry('n', { kind: 'missed_call', actors: [], actorCount: 0 }), null).text).toBe(
      'Missed video call',
    );
  });

  it("uses a service notification's title, and its body as the detail", () => {
    const service = entry('n', {
      kind: 'service',
      actors: [],
      actorCount: 0,
      conversationId: null,
      messageId: null,
      title: 'Invoice ready',
      body: 'March is ready to download.',
    });
    expect(notificationText(service, null)).toEqual({
      text: 'Invoice ready',
      detail: 'March is ready to download.',
    });
    expect(notificationText({ ...service, title: null }, null).text).toBe('Notification');
  });
});

describe('notificationTarget', () => {
  it('opens the conversation at the message, the conversation alone, or nothing', () => {
    expect(notificationTarget({ conversationId: 'c1', messageId: 'm1' })).toBe('/c/c1?message=m1');
    expect(notificationTarget({ conversationId: 'c1', messageId: null })).toBe('/c/c1');
    expect(notificationTarget({ conversationId: null, messageId: null })).toBeNull();
  });
});
