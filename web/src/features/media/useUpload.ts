import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '../../api/api-error';
import type { UploadResponse } from '../../api/types';
import { useSignedIn } from '../../auth/auth-context';
import { readImageSize } from './image-size';
import {
  acceptFiles,
  type AttachmentKind,
  completeUpload,
  isRetryable,
  kindOfMime,
  messageTypeFor,
  toAttachment,
  type Uploaded,
  uploadErrorText,
} from './media-kinds';

/** One file attached to the message being written. */
export interface DraftItem {
  key: string;
  file: File;
  kind: AttachmentKind;
  /** A blob: URL for an image thumbnail; revoked when the item leaves the tray. */
  previewUrl: string | null;
  width?: number;
  height?: number;
  /** 0..1 while uploading. */
  progress: number;
  status: 'uploading' | 'ready' | 'failed';
  error?: string;
  retryable?: boolean;
  upload?: Uploaded;
  /** A voice note: sent on its own as soon as it is uploaded. */
  voiceDurationMs?: number;
}

let counter = 0;

/**
 * The attachments of the message being written: each file uploads as soon as it is attached (with
 * progress and cancel), then `send` posts one message of the type the uploads fit, with an optional
 * caption. Voice notes skip the tray: `sendVoice` uploads and sends at once.
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

  /** Uploads one file; resolves with the completed answer, or undefined after a failure or cancel. */
  const transfer = useCallback(
    async (key: string, file: File, measured: { width?: number; height?: number; durationMs?: number }) => {
      const controller = new AbortController();
      controllers.current.set(key, controller);
      const form = new FormData();
      form.append('file', file, file.name);
      try {
        const answer = await http.upload<UploadResponse>('/uploads', form, {
          signal: controller.signal,
          onProgress: (progress) => patch(key, { progress }),
        });
        const upload = completeUpload(answer, measured);
        patch(key, { status: 'ready', progress: 1, upload, kind: upload.kind });
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

  const start = useCallback(
    async (item: DraftItem) => {
      const size = item.kind === 'image' ? await readImageSize(item.file) : undefined;
      if (size) {
        patch(item.key, size);
      }
      return transfer(item.key, item.file, size ?? {});
    },
    [patch, transfer],
  );

  const uploadVoice = useCallback(
    async (key: string, file: File, durationMs: number) => {
      const upload = await transfer(key, file, { durationMs });
      if (!upload) {
        return; // a failed voice note stays in the tray, with retry and remove
      }
      session.outbox.enqueue({
        conversationId,
        content: '',
        type: messageTypeFor([upload]),
        attachments: [toAttachment(upload)],
      });
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
      added.forEach((item) => void start(item));
    },
    [start, update],
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
        void http.delete(`/uploads/${item.upload.id}`).catch(() => undefined);
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
      if (item.voiceDurationMs !== undefined) {
        void uploadVoice(key, item.file, item.voiceDurationMs);
      } else {
        void transfer(key, item.file, { width: item.width, height: item.height });
      }
    },
    [patch, transfer, uploadVoice],
  );

  /** Sends the uploads as one message; false while something is still uploading or failed. */
  const send = useCallback(
    (caption: string, replyTo?: string): boolean => {
      const current = itemsRef.current.filter((item) => item.voiceDurationMs === undefined);
      const uploads = current.map((item) => item.upload).filter((upload) => upload !== undefined);
      if (uploads.length === 0 || uploads.length < current.length) {
        return false;
      }
      session.outbox.enqueue({
        conversationId,
        content: caption.trim(),
        type: messageTypeFor(uploads),
        attachments: uploads.map(toAttachment),
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

  /** A recorded voice note: uploaded and sent as an audio message, with the duration the recorder measured. */
  const sendVoice = useCallback(
    (file: File, durationMs: number) => {
      counter += 1;
      const key = `voice-${counter}`;
      const item: DraftItem = {
        key,
        file,
        kind: 'audio',
        previewUrl: null,
        progress: 0,
        status: 'uploading',
        voiceDurationMs: durationMs,
      };
      update((current) => [...current, item]);
      void uploadVoice(key, file, durationMs);
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

  const drafts = items.filter((item) => item.voiceDurationMs === undefined);
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
