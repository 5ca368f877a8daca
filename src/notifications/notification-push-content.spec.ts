import { MemberRole, NotificationResponse } from '../realtime/server-events';
import { actorsText, notificationPush, notificationText } from './notification-push-content';

const actor = (name: string) => ({ id: `id-${name}`, displayName: name, avatarUrl: null });

function entry(overrides: Partial<NotificationResponse>): NotificationResponse {
  return {
    id: '0123456789abcdef01234567',
    kind: 'reaction',
    conversationId: 'aaaaaaaaaaaaaaaaaaaaaaaa',
    messageId: 'bbbbbbbbbbbbbbbbbbbbbbbb',
    actors: [actor('Ana')],
    actorCount: 1,
    count: 1,
    emoji: '👍',
    role: null,
    title: null,
    body: null,
    data: null,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    readAt: null,
    ...overrides,
  };
}

describe('actorsText', () => {
  it('names one actor, two actors, or the latest and how many others', () => {
    expect(actorsText({ actors: [actor('Ana')], actorCount: 1 })).toBe('Ana');
    expect(actorsText({ actors: [actor('Ana'), actor('Ben')], actorCount: 2 })).toBe('Ana and Ben');
    expect(actorsText({ actors: [actor('Ana'), actor('Ben'), actor('Cy')], actorCount: 5 })).toBe(
      'Ana and 4 others',
    );
    expect(actorsText({ actors: [], actorCount: 0 })).toBe('Someone');
  });
});

describe('notificationText', () => {
  it('tells a single reaction with its emoji, and an aggregated one without', () => {
    expect(notificationText(entry({}), null)).toBe('Ana reacted 👍 to your message');
    expect(
      notificationText(
        entry({ actors: [actor('Ana'), actor('Ben'), actor('Cy')], actorCount: 3, count: 4 }),
        null,
      ),
    ).toBe('Ana and 2 others reacted to your message');
  });

  it('tells being added and a role change with the group title', () => {
    expect(notificationText(entry({ kind: 'added_to_conversation', emoji: null }), 'Team')).toBe(
      'Ana added you to Team',
    );
    expect(notificationText(entry({ kind: 'role_changed', role: MemberRole.Admin }), 'Team')).toBe(
      'Ana made you an admin of Team',
    );
    expect(notificationText(entry({ kind: 'role_changed', role: MemberRole.Member }), null)).toBe(
      'Ana made you a member of a group',
    );
  });

  it('counts mentions and missed calls', () => {
    expect(notificationText(entry({ kind: 'mention', count: 3 }), null)).toBe('Ana mentioned you 3 times');
    expect(notificationText(entry({ kind: 'reply' }), null)).toBe('Ana replied to your message');
    expect(notificationText(entry({ kind: 'missed_call' }), null)).toBe('Missed call from Ana');
  });
});

describe('notificationPush', () => {
  it('carries ids, the count and the text, never more than the entry holds', () => {
    expect(notificationPush(entry({ count: 2 }), 'Team')).toEqual({
      type: 'notification',
      notificationId: '0123456789abcdef01234567',
      kind: 'reaction',
      conversationId: 'aaaaaaaaaaaaaaaaaaaaaaaa',
      messageId: 'bbbbbbbbbbbbbbbbbbbbbbbb',
      count: 2,
      title: 'Team',
      body: 'Ana reacted 👍 to your message',
    });
  });

  it("shows a service notification's own title and body, shortened to fit a push", () => {
    const push = notificationPush(
      entry({ kind: 'service', actors: [], actorCount: 0, title: 'Deploy done', body: 'x'.repeat(500) }),
      null,
    );
    expect(push.title).toBe('Deploy done');
    expect([...push.body]).toHaveLength(200);
    expect(push.body.endsWith('…')).toBe(true);
  });

  it('falls back to the app name without a conversation or service title', () => {
    expect(notificationPush(entry({ kind: 'added_to_conversation' }), null).title).toBe('Parley');
  });
});
