import type { MessageResponse } from '../../api/types';
import { MessageAttachments as Attachments } from '../media';

/** Where a message's attachments are shown (images, files, voice): drawn by the media feature. */
export function MessageAttachments({ message }: { message: MessageResponse }) {
  return <Attachments attachments={message.attachments} />;
}
