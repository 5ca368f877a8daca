import type { MessageResponse } from '../../api/types';

/**
 * Where a message's attachments are shown (images, files, voice): the media feature renders them here.
 * Until then nothing is drawn; the bubble's text and preview still name the attachment kind.
 */
export function MessageAttachments({ message }: { message: MessageResponse }) {
  if (message.attachments.length === 0) {
    return null;
  }
  return null;
}
