import { useMutation } from '@tanstack/react-query';
import { useRef } from 'react';
import { ApiError } from '../../api/api-error';
import type { UploadResponse } from '../../api/types';
import { useSignedIn } from '../../auth/auth-context';
import { uploadErrorText } from './media-kinds';

/** Only what every browser shows in an <img>; the server checks the bytes again. */
const PHOTO_TYPES = 'image/jpeg,image/png,image/webp,image/gif';

/**
 * "Change photo": picks an image, uploads it through POST /uploads?kind=avatar and hands its URL to `save`
 * (a profile or a group). The error line is the upload's own, worded as for attachments.
 */
export function PhotoPicker({
  label,
  save,
  onError,
}: {
  label: string;
  save: (url: string) => Promise<unknown>;
  onError: (text: string) => void;
}) {
  const { http } = useSignedIn();
  const input = useRef<HTMLInputElement>(null);
  const change = useMutation({
    mutationFn: async (file: File) => {
      const form = new FormData();
      form.append('file', file, file.name);
      // `avatar`: kept public with a permanent URL (an attachment's signed URL would expire in avatarUrl).
      const upload = await http.upload<UploadResponse>('/uploads?kind=avatar', form);
      await save(upload.url);
    },
    onError: (error) =>
      onError(
        error instanceof ApiError
          ? error.code === 'UPLOAD_UNSUPPORTED_TYPE'
            ? 'Choose an image (JPEG, PNG, WebP or GIF)'
            : uploadErrorText(error.code, error.message)
          : error.message,
      ),
  });
  return (
    <>
      <input
        ref={input}
        type="file"
        accept={PHOTO_TYPES}
        hidden
        tabIndex={-1}
        onChange={(event) => {
          const file = event.target.files?.[0];
          event.target.value = ''; // the same file can be picked again
          if (file) {
            change.mutate(file);
          }
        }}
      />
      <button type="button" disabled={change.isPending} onClick={() => input.current?.click()}>
        {change.isPending ? 'Uploading…' : label}
      </button>
    </>
  );
}
