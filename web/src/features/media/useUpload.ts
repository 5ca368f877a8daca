import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '../../api/api-error';
import type { UploadResponse } from '../../api/types';
import { useSignedIn } from '../../auth/auth-context';
import {
  acceptFiles,
  type AttachmentKind,
  isRetryable,
  kindOf,
  kindOfMime,
  messageTypeFor,
  uploadErrorText,
} from './media-kinds';

/** One file attached to the message being written. */
export interface DraftItem {
  key: string;
  file: File;
  kind: AttachmentKind;
  /** A blob: URL for an image thumbnail; revoked when the item leaves the tray. */
  previewUrl: string | null;
  /** 0..1 while uploading. */
  progress: number;
  status: 'uploading' | 'ready' | 'failed';
  error?: string;
  retryable?: boolean;
  upload?: UploadResponse;
  /** A voice note: sent on its own as soon as it is uploaded. */
  voice?: true;
}

let counter = 0;

/**
 * The attachments of the message being written: each file uploads as soon as it is attached (with
 * progress and cancel), then `send` posts one message with the uploads' ids and an optional caption; the
 * server measures, signs and types them. Voice notes skip the tray: `sendVoice` uploads (`?kind=voice`,
 * for the server's duration and waveform) and sends at once.
 */
export function useUpload(conversationId: string) {
  const { http, session } = useSignedIn();
  const [items, setItems] = useState<DraftItem[]>([]);
  const [notice, setNotice] = useState<string | null>(null);
  // The ref is the source of truth, so callbacks read the current items synchronously; state renders them.
  const itemsRef = useRef<DraftItem[]>([]);
  const controllers = useRef(new Map<string, AbortController>());

  const update = useCallback((change: (current: DraftItem[]) => DraftItem[]) => {
    itemsRef.current = change(itemsRef.current);
    setItems(itemsRef.current);
  }, []);

  const patch = useCallback(
    (key: string, change: Partial<DraftItem>) =>
      update((current) => current.map((item) => (item.key === key ? { ...item, ...change } : item))),
    [update],
  );

  /** Uploads one file; resolves with the server's answer, or undefined after a failure or cancel. */
  const transfer = useCallback(
    async (key: string, file: File, voice: boolean) => {
      const controller = new AbortController();
      controllers.current.set(key, controller);
      const form = new FormData();
      form.append('file', file, file.name);
      try {
        const upload = await http.upload<UploadResponse>(voice ? '/uploads?kind=voice' : '/uploads', form, {
          signal: controller.signal,
          onProgress: (progress) => patch(key, { progress }),
        });
        patch(key, { status: 'ready', progress: 1, upload, kind: kindOf(upload) });
        return upload;
      } catch (error) {
        if (!controller.signal.aborted) {
          const code = error instanceof ApiError ? error.code : 'UNKNOWN';
          const message = error instanceof Error ? error.message : '';
          patch(key, {
            status: 'failed',
            error: uploadErrorText(code, message),
            retryable: isRetryable(code),
          });
        }
        return undefined;
      } finally {
        controllers.current.delete(key);
      }
    },
    [http, patch],
  );

  const uploadVoice = useCallback(
    async (key: string, file: File) => {
      const upload = await transfer(key, file, true);
      if (!upload) {
        return; // a failed voice note stays in the tray, with retry and remove
      }
      session.outbox.enqueue({ conversationId, content: '', type: 'voice', attachments: [upload] });
      update((current) => current.filter((candidate) => candidate.key !== key));
    },
    [conversationId, session, transfer, update],
  );

  const add = useCallback(
    (files: readonly File[]) => {
      const { accepted, notice: note } = acceptFiles(files, itemsRef.current.length);
      setNotice(note);
      const added = accepted.map((file): DraftItem => {
        const kind = kindOfMime(file.type);
        counter += 1;
        return {
          key: `draft-${counter}`,
          file,
          kind,
          previewUrl: kind === 'image' ? URL.createObjectURL(file) : null,
          progress: 0,
          status: 'uploading',
        };
      });
      update((current) => [...current, ...added]);
      added.forEach((item) => void transfer(item.key, item.file, false));
    },
    [transfer, update],
  );

  /** Takes an item out of the tray: cancels its upload, or deletes the stored file nobody will send. */
  const remove = useCallback(
    (key: string) => {
      const item = itemsRef.current.find((candidate) => candidate.key === key);
      controllers.current.get(key)?.abort();
      if (item?.previewUrl) {
        URL.revokeObjectURL(item.previewUrl);
      }
      if (item?.upload) {
        void http.delete(`/uploads/${item.upload.uploadId}`).catch(() => undefined);
      }
      update((current) => current.filter((candidate) => candidate.key !== key));
    },
    [http, update],
  );

  const retry = useCallback(
    (key: string) => {
      const item = itemsRef.current.find((candidate) => candidate.key === key);
      if (!item) {
        return;
      }
      patch(key, { status: 'uploading', progress: 0, error: undefined });
      if (item.voice) {
        void uploadVoice(key, item.file);
      } else {
        void transfer(key, item.file, false);
      }
    },
    [patch, transfer, uploadVoice],
  );

  /** Sends the uploads as one message; false while something is still uploading or failed. */
  const send = useCallback(
    (caption: string, replyTo?: string): boolean => {
      const current = itemsRef.current.filter((item) => !item.voice);
      const uploads = current.map((item) => item.upload).filter((upload) => upload !== undefined);
      if (uploads.length === 0 || uploads.length < current.length) {
        return false;
      }
      session.outbox.enqueue({
        conversationId,
        content: caption.trim(),
        type: messageTypeFor(uploads),
        attachments: uploads,
        replyTo,
      });
      current.forEach((item) => item.previewUrl && URL.revokeObjectURL(item.previewUrl));
      const sent = new Set(current.map((item) => item.key));
      update((all) => all.filter((item) => !sent.has(item.key)));
      setNotice(null);
      return true;
    },
    [conversationId, session, update],
  );

  /** A recorded voice note: uploaded and sent as a voice message (the server measures its duration). */
  const sendVoice = useCallback(
    (file: File) => {
      counter += 1;
      const key = `voice-${counter}`;
      const item: DraftItem = {
        key,
        file,
        kind: 'voice',
        previewUrl: null,
        progress: 0,
        status: 'uploading',
        voice: true,
      };
      update((current) => [...current, item]);
      void uploadVoice(key, file);
    },
    [update, uploadVoice],
  );

  // Leaving the conversation (or the page) cancels uploads and frees the previews.
  useEffect(
    () => () => {
      controllers.current.forEach((controller) => controller.abort());
      itemsRef.current.forEach((item) => item.previewUrl && URL.revokeObjectURL(item.previewUrl));
      update(() => []);
    },
    [conversationId, update],
  );

  const drafts = items.filter((item) => !item.voice);
  const uploading = drafts.some((item) => item.status === 'uploading');
  /** There are attachments, and all are uploaded: the message can go. */
  const ready = drafts.length > 0 && drafts.every((item) => item.status === 'ready');
  return {
    items,
    notice,
    uploading,
    ready,
    add,
    remove,
    retry,
    send,
    sendVoice,
    dismissNotice: () => setNotice(null),
  };
}

export type UploadDraft = ReturnType<typeof useUpload>;
