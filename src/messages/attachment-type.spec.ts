import { MessageType } from '../realtime/server-events';
import { typeOfKinds } from './attachment-type';

describe('typeOfKinds', () => {
  it.each([
    [['image', 'image'], MessageType.Image],
    [['video'], MessageType.Video],
    [['audio'], MessageType.Audio],
    [['voice'], MessageType.Voice],
    [['file', 'file'], MessageType.File],
  ] as const)('gives attachments of one kind (%j) their type', (kinds, type) => {
    expect(typeOfKinds(kinds)).toBe(type);
  });

  it('makes a mixed set a file message', () => {
    expect(typeOfKinds(['image', 'file'])).toBe(MessageType.File);
    expect(typeOfKinds(['image', 'video'])).toBe(MessageType.File);
  });
});
