import type { MediaAsset } from '../common/media/media-asset';
import type { AttachmentMetadata } from '../realtime/server-events';

/**
 * The port through which a send attaches uploads. Uploads sit above messages (an upload is offered as an
 * attachment; its lifecycle follows the message's), so the upload module provides this token and messages
 * only knows the interface. A domain event would not do: a send must fail at once on a foreign id.
 */
export const ATTACHMENT_STORE = Symbol('ATTACHMENT_STORE');

/** The message uploads are attached to. */
export interface AttachmentTarget {
  conversationId: string;
  messageId: string;
}

/** An upload as a message keeps it: its reference and a snapshot of its metadata (the name in plaintext). */
export interface AttachmentRef extends MediaAsset, AttachmentMetadata {
  uploadId: string;
}

export interface AttachmentStore {
  /**
   * The uploads, in the order given, when every one is the owner's and attached to nothing or to this very
   * target (a resend); null otherwise, without saying which one or why. Writes nothing.
   */
  find(
    ownerId: string,
    target: AttachmentTarget,
    uploadIds: readonly string[],
  ): Promise<AttachmentRef[] | null>;
  /**
   * Attaches the uploads to the target, each atomically. False when one was taken meanwhile; those this call
   * attached are then detached again.
   */
  claim(ownerId: string, target: AttachmentTarget, uploadIds: readonly string[]): Promise<boolean>;
  /** Detaches uploads from a target whose message was not stored with them. */
  release(ownerId: string, target: AttachmentTarget, uploadIds: readonly string[]): Promise<void>;
}
