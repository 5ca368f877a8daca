import { MessageType } from '../messages/message.schema';
import { GENERIC_BODY, newMessagePush, pushBody } from './push-content';

describe('pushBody', () => {
  it('previews the text of a message', () => {
    expect(pushBody({ type: MessageType.Text, content: '  lunch at noon?  ' }, true)).toBe('lunch at noon?');
  });

  it('shortens a long text to 140 characters, ending with an ellipsis', () => {
    const body = pushBody({ type: MessageType.Text, content: 'a'.repeat(500) }, true);
    expect([...body]).toHaveLength(140);
    expect(body.endsWith('…')).toBe(true);
  });

  it('never cuts a character made of two UTF-16 units in half', () => {
    const body = pushBody({ type: MessageType.Text, content: '😀'.repeat(200) }, true);
    expect(body).toBe(`${'😀'.repeat(139)}…`);
  });

  it('gives attachments without text a neutral line by kind', () => {
    expect(pushBody({ type: MessageType.Image, content: '' }, true)).toBe('Sent an image');
    expect(pushBody({ type: MessageType.Audio, content: '' }, true)).toBe('Sent an audio file');
    expect(pushBody({ type: MessageType.Voice, content: '' }, true)).toBe('Sent a voice message');
    expect(pushBody({ type: MessageType.File, content: null }, true)).toBe('Sent a file');
  });

  it('previews the caption of an attachment', () => {
    expect(pushBody({ type: MessageType.Image, content: 'our new office' }, true)).toBe('our new office');
  });

  it('shows only the generic text when previews are off', () => {
    expect(pushBody({ type: MessageType.Text, content: 'secret plans' }, false)).toBe(GENERIC_BODY);
    expect(pushBody({ type: MessageType.Image, content: '' }, false)).toBe(GENERIC_BODY);
  });

  it('falls back to the generic text when the content could not be decrypted', () => {
    expect(pushBody({ type: MessageType.Text, content: null }, true)).toBe(GENERIC_BODY);
  });
});

describe('newMessagePush', () => {
  const message = {
    id: 'm1',
    conversationId: 'c1',
    seq: 7,
    senderId: 'u1',
    type: MessageType.Text,
    content: 'hello',
  };

  it('carries the ids, the sender and the preview; a group also its title', () => {
    expect(newMessagePush(message, 'Ada', 'Team', true)).toEqual({
      type: 'new_message',
      conversationId: 'c1',
      messageId: 'm1',
      seq: 7,
      senderId: 'u1',
      senderName: 'Ada',
      conversationTitle: 'Team',
      body: 'hello',
    });
  });

  it('leaves the title out for a direct conversation, and the text out when previews are off', () => {
    const push = newMessagePush(message, 'Ada', null, false);
    expect(push).not.toHaveProperty('conversationTitle');
    expect(push.body).toBe(GENERIC_BODY);
  });
});
