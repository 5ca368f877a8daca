import { describe, expect, it } from 'vitest';
import type { NewMessagePush, NotificationPush } from '../api/types';
import {
  conversationPath,
  type IncomingCallPush,
  notificationFor,
  parsePush,
  shouldNotify,
  windowToOpen,
  type WindowState,
} from './push-notification';

const direct: NewMessagePush = {
  type: 'new_message',
  conversationId: 'c1',
  messageId: 'm1',
  seq: 3,
  senderId: 'u1',
  senderName: 'Ada',
  body: 'lunch?',
};
const group: NewMessagePush = { ...direct, conversationTitle: 'Team' };
const reaction: NotificationPush = {
  type: 'notification',
  notificationId: 'n1',
  kind: 'reaction',
  conversationId: 'c1',
  messageId: 'm1',
  count: 3,
  title: 'Team',
  body: 'Ada and 2 others reacted to your message',
};
const service: NotificationPush = {
  ...reaction,
  kind: 'service',
  conversationId: null,
  messageId: null,
  title: 'Invoice ready',
  body: 'March is ready.',
};
const ringing: IncomingCallPush = {
  kind: 'incoming_call',
  callId: 'k1',
  conversationId: 'c1',
  callerName: 'Ada',
  type: 'video',
  url: '/c/c1',
};

const win = (
  url: string,
  focused: boolean,
  visibilityState: DocumentVisibilityState = 'visible',
): WindowState => ({
  url: `https://parley.test${url}`,
  focused,
  visibilityState,
});

describe('parsePush', () => {
  it('accepts what the server sends', () => {
    expect(parsePush(direct)).toEqual(direct);
    expect(parsePush(group)).toEqual(group);
    expect(parsePush(reaction)).toEqual(reaction);
    expect(parsePush(service)).toEqual(service);
    expect(parsePush(ringing)).toEqual(ringing);
  });

  it('refuses other shapes', () => {
    expect(parsePush(null)).toBeNull();
    expect(parsePush('text')).toBeNull();
    expect(parsePush({ ...direct, type: 'call' })).toBeNull();
    expect(parsePush({ ...direct, seq: '3' })).toBeNull();
    expect(parsePush({ ...direct, conversationTitle: 5 })).toBeNull();
    expect(parsePush({ ...reaction, title: null })).toBeNull();
    expect(parsePush({ ...reaction, conversationId: 7 })).toBeNull();
    expect(parsePush({ ...ringing, type: 'fax' })).toBeNull();
    expect(parsePush({ ...ringing, callerName: undefined })).toBeNull();
  });
});

describe('notificationFor', () => {
  it('titles a direct message by its sender, with the server’s body, tagged by conversation', () => {
    const { title, options } = notificationFor(direct);
    expect(title).toBe('Ada');
    expect(options).toMatchObject({
      body: 'lunch?',
      tag: 'conversation:c1',
      renotify: true,
      data: { url: '/c/c1' },
    });
  });

  it('titles a group message by the group, the sender before the text', () => {
    const { title, options } = notificationFor(group);
    expect(title).toBe('Team');
    expect(options.body).toBe('Ada: lunch?');
  });

  it('shows an inbox entry in the server’s words, tagged by the entry, opening what the center opens', () => {
    expect(notificationFor(reaction)).toMatchObject({
      title: 'Team',
      options: {
        body: 'Ada and 2 others reacted to your message',
        tag: 'notification:n1',
        renotify: true,
        data: { url: '/c/c1?message=m1&notification=n1' },
      },
    });
    expect(notificationFor(service).options.data.url).toBe('/notifications?notification=n1');
  });

  it('rings for a call until acted on, opening its conversation (never another origin)', () => {
    expect(notificationFor(ringing)).toMatchObject({
      title: 'Ada',
      options: {
        body: 'Incoming video call',
        tag: 'call:k1',
        requireInteraction: true,
        data: { url: '/c/c1' },
      },
    });
    expect(notificationFor({ ...ringing, type: 'audio' }).options.body).toBe('Incoming voice call');
    expect(notificationFor({ ...ringing, url: '//evil.example/c/c1' }).options.data.url).toBe('/c/c1');
  });

  it('shows a generic line for a push it does not understand', () => {
    expect(notificationFor(null)).toMatchObject({
      title: 'Parley',
      options: { body: 'New message', data: { url: '/' } },
    });
  });
});

describe('shouldNotify', () => {
  it('stays quiet while the conversation is open, focused and visible', () => {
    expect(shouldNotify(direct, [win('/c/c1', true)])).toBe(false);
  });

  it('notifies when that window is in the background, hidden, or on another page', () => {
    expect(shouldNotify(direct, [win('/c/c1', false)])).toBe(true);
    expect(shouldNotify(direct, [win('/c/c1', true, 'hidden')])).toBe(true);
    expect(shouldNotify(direct, [win('/c/c2', true), win('/settings', false)])).toBe(true);
    expect(shouldNotify(direct, [])).toBe(true);
  });

  it('always notifies for a push it does not understand', () => {
    expect(shouldNotify(null, [win('/c/c1', true)])).toBe(true);
  });

  it('treats an inbox entry like its conversation, and one without a conversation as always worth showing', () => {
    expect(shouldNotify(reaction, [win('/c/c1', true)])).toBe(false);
    expect(shouldNotify(reaction, [win('/c/c2', true)])).toBe(true);
    expect(shouldNotify(service, [win('/notifications', true)])).toBe(true);
  });
});

describe('windowToOpen', () => {
  it('prefers the focused window, then a visible one, then any', () => {
    const hidden = win('/', false, 'hidden');
    const visible = win('/settings', false);
    const focused = win('/c/c2', true);
    expect(windowToOpen([hidden, visible, focused])).toBe(focused);
    expect(windowToOpen([hidden, visible])).toBe(visible);
    expect(windowToOpen([hidden])).toBe(hidden);
    expect(windowToOpen([])).toBeUndefined();
  });
});

it('encodes the conversation id into its path', () => {
  expect(conversationPath('a/b')).toBe('/c/a%2Fb');
});
