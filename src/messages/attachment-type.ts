import type { MediaKind } from '../common/media/media-asset';
import { MessageType } from '../realtime/server-events';

const TYPE_OF_KIND: Record<MediaKind, MessageType> = {
  image: MessageType.Image,
  video: MessageType.Video,
  audio: MessageType.Audio,
  voice: MessageType.Voice,
  file: MessageType.File,
};

/**
 * The type of a message carrying attachments of these kinds: their own when they agree (an album of photos
 * is an `image` message), else `file` (a photo with a PDF shows as files, as in Slack).
 */
export function typeOfKinds(kinds: readonly MediaKind[]): MessageType {
  const types = new Set(kinds.map((kind) => TYPE_OF_KIND[kind]));
  return types.size === 1 ? [...types][0] : MessageType.File;
}
