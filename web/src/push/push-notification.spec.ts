import { describe, expect, it } from 'vitest';
import type { NewMessagePush } from '../api/types';
import {
  conversationPath,
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
  });

  it('refuses other shapes', () => {
    expect(parsePush(null)).toBeNull();
    expect(parsePush('text')).toBeNull();
    expect(parsePush({ ...direct, type: 'call' })).toBeNull();
    expect(parsePush({ ...direct, seq: '3' })).toBeNull();
    expect(parsePush({ ...direct, conversationTitle: 5 })).toBeNull();
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
