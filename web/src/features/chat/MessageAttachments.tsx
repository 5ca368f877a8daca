import type { MessageResponse } from '../../api/types';
import { MessageAttachments as Attachments, useFreshUrls } from '../media';

/**
 * Where a message's attachments are shown (images, videos, files, voice): drawn by the media feature, which
 * also keeps their signed URLs fresh while the message is on screen.
 */
export function MessageAttachments({ message }: { message: MessageResponse }) {
  const onStale = useFreshUrls(message);
  return <Attachments attachments={message.attachments} onStale={onStale} />;
}
