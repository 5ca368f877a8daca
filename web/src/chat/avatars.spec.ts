import { describe, expect, it } from 'vitest';
import type { ConversationResponse } from '../api/types';
import { conversationAvatarUrl, displayableAvatar } from './avatars';

function conversation(fields: object): ConversationResponse {
  return {
    id: 'c1',
    kind: 'direct',
    title: null,
    avatarUrl: null,
    memberCount: 2,
    members: [
      { userId: 'me', displayName: 'Me', avatarUrl: 'https://img.example/me.png', role: 'member' },
      { userId: 'bo', displayName: 'Bo', avatarUrl: 'https://img.example/bo.png', role: 'member' },
    ],
    ...fields,
  } as ConversationResponse;
}

describe('conversationAvatarUrl', () => {
  it('shows the other person in a direct chat', () => {
    expect(conversationAvatarUrl(conversation({}), 'me')).toBe('https://img.example/bo.png');
  });

  it("shows the group's own picture in a group, not a member's", () => {
    const group = conversation({ kind: 'group', title: 'Team', avatarUrl: 'https://img.example/g.png' });
    expect(conversationAvatarUrl(group, 'me')).toBe('https://img.example/g.png');
    expect(conversationAvatarUrl({ ...group, avatarUrl: null }, 'me')).toBeNull();
  });
});

describe('displayableAvatar', () => {
  it('keeps an https URL that has not failed', () => {
    expect(displayableAvatar('https://a.example/x.png', new Set())).toBe('https://a.example/x.png');
  });

  it('drops nothing, failed, non-https and malformed URLs', () => {
    const failed = new Set(['https://a.example/broken.png']);
    expect(displayableAvatar(null, failed)).toBeNull();
    expect(displayableAvatar('https://a.example/broken.png', failed)).toBeNull();
    expect(displayableAvatar('http://a.example/x.png', failed)).toBeNull();
    expect(displayableAvatar('javascript:alert(1)', failed)).toBeNull();
    expect(displayableAvatar('not a url', failed)).toBeNull();
  });
});
