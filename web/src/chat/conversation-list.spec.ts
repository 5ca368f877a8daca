import { describe, expect, it } from 'vitest';
import type { ConversationResponse, MessageResponse } from '../api/types';
import {
  applyMessageToList,
  applyRead,
  directPeers,
  listTime,
  previewLine,
  upsertConversation,
} from './conversation-list';

function conversation(id: string, patch: Partial<ConversationResponse> = {}): ConversationResponse {
  return {
    id,
    kind: 'direct',
    title: null,
    avatarUrl: null,
    memberCount: 2,
    members: [
      { userId: 'me', displayName: 'Me', avatarUrl: null, role: 'member' },
      { userId: `peer-${id}`, displayName: `Peer ${id}`, avatarUrl: null, role: 'member' },
    ],
    myRole: 'member',
    muted: false,
    lastSeq: 0,
    lastMessage: null,
    unreadCount: 0,
    readSeq: 0,
    lastActivityAt: '2026-01-01T10:00:00.000Z',
    createdAt: '2026-01-01T10:00:00.000Z',
    ...patch,
  } as ConversationResponse;
}

function message(conversationId: string, seq: number, senderId: string, createdAt: string): MessageResponse {
  return {
    id: `m${seq}`,
    clientMessageId: `c${seq}`,
    conversationId,
    seq,
    senderId,
    type: 'text',
    content: `text ${seq}`,
    attachments: [],
    replyTo: null,
    mentions: [],
    reactions: [],
    editedAt: null,
    deletedAt: null,
    createdAt,
  } as MessageResponse;
}

describe('conversation list updates', () => {
  it('moves a conversation with a new message to the top and counts it unread unless open or mine', () => {
    const list = [conversation('a', { lastActivityAt: '2026-01-02T00:00:00.000Z' }), conversation('b')];
    const incoming = message('b', 1, 'peer-b', '2026-01-03T00:00:00.000Z');
    const updated = applyMessageToList(list, incoming, { myUserId: 'me', openConversationId: null });
    expect(updated.map((item) => item.id)).toEqual(['b', 'a']);
    expect(updated[0]).toMatchObject({ unreadCount: 1, lastSeq: 1, lastMessage: { preview: 'text 1' } });

    const open = applyMessageToList(list, incoming, { myUserId: 'me', openConversationId: 'b' });
    expect(open[0].unreadCount).toBe(0);
    const mine = applyMessageToList(list, message('b', 1, 'me', '2026-01-03T00:00:00.000Z'), {
      myUserId: 'me',
      openConversationId: null,
    });
    expect(mine[0].unreadCount).toBe(0);
  });

  it('ignores a message it already counted (the same event twice, or from /sync)', () => {
    const incoming = message('b', 1, 'peer-b', '2026-01-03T00:00:00.000Z');
    const once = applyMessageToList([conversation('b')], incoming, {
      myUserId: 'me',
      openConversationId: null,
    });
    const twice = applyMessageToList(once, incoming, { myUserId: 'me', openConversationId: null });
    expect(twice[0].unreadCount).toBe(1);
  });

  it('clears unread up to what was read elsewhere', () => {
    const list = [conversation('a', { lastSeq: 5, unreadCount: 5 })];
    expect(applyRead(list, 'a', 3)[0].unreadCount).toBe(2);
    expect(applyRead(list, 'a', 9)[0]).toMatchObject({ unreadCount: 0, readSeq: 5 });
  });

  it('prefixes the preview with the sender in groups and "You" for mine', () => {
    const last = {
      id: 'm1',
      seq: 1,
      senderId: 'peer-g',
      type: 'text',
      preview: 'hello',
      createdAt: '',
    } as const;
    const group = conversation('g', {
      kind: 'group' as ConversationResponse['kind'],
      title: 'Team',
      lastMessage: { ...last },
    });
    expect(previewLine(group, 'me')).toBe('Peer g: hello');
    expect(previewLine(conversation('d', { lastMessage: { ...last } }), 'me')).toBe('hello');
    expect(previewLine(conversation('d', { lastMessage: { ...last, senderId: 'me' } }), 'me')).toBe(
      'You: hello',
    );
    expect(previewLine(conversation('e'), 'me')).toBe('No messages yet');
    const mention = { ...last, preview: `hi @${'a'.repeat(24)} and @${'b'.repeat(24)}` };
    const named = conversation('m', {
      lastMessage: mention,
      members: [
        {
          userId: 'a'.repeat(24),
          displayName: 'Ann',
          avatarUrl: null,
          role: 'member' as ConversationResponse['myRole'],
        },
      ],
    });
    expect(previewLine(named, 'me')).toBe('hi @Ann and @someone');
  });

  it('shows the time today, Yesterday, then the weekday and the date', () => {
    const now = new Date(2026, 0, 10, 12, 0);
    expect(listTime(new Date(2026, 0, 10, 9, 5).toISOString(), now, 'en-GB')).toBe('09:05');
    expect(listTime(new Date(2026, 0, 9, 23, 0).toISOString(), now, 'en-GB')).toBe('Yesterday');
    expect(listTime(new Date(2026, 0, 6, 8, 0).toISOString(), now, 'en-GB')).toBe('Tue');
    expect(listTime(new Date(2025, 11, 1, 8, 0).toISOString(), now, 'en-GB')).toBe('1 Dec 25');
  });

  it('replaces or adds a conversation from a server answer, and lists the direct peers once', () => {
    const list = [conversation('a'), conversation('b', { lastActivityAt: '2026-01-05T00:00:00.000Z' })];
    expect(
      upsertConversation(list, conversation('a', { muted: true })).find((c) => c.id === 'a')?.muted,
    ).toBe(true);
    expect(
      upsertConversation(list, conversation('c', { lastActivityAt: '2026-02-01T00:00:00.000Z' }))[0].id,
    ).toBe('c');
    expect(
      directPeers([...list, conversation('g', { kind: 'group' as ConversationResponse['kind'] })], 'me'),
    ).toEqual(['peer-a', 'peer-b']);
  });
});
