import { describe, expect, it } from 'vitest';
import {
  acceptFiles,
  displayKind,
  isRetryable,
  kindOf,
  kindOfMime,
  MAX_ATTACHMENTS,
  messageTypeFor,
  uploadErrorText,
} from './media-kinds';

const file = (name: string, size: number) => new File([new Uint8Array(size)], name);

describe('kindOfMime, kindOf and displayKind', () => {
  it('guesses from the declared type only before the server has answered', () => {
    expect(kindOfMime('image/png')).toBe('image');
    expect(kindOfMime('IMAGE/JPEG')).toBe('image');
    expect(kindOfMime('image/heic')).toBe('file');
    expect(kindOfMime('video/mp4')).toBe('video');
    expect(kindOfMime('audio/webm;codecs=opus')).toBe('audio');
    expect(kindOfMime('application/pdf')).toBe('file');
  });

  it('takes the server’s kind, and a legacy attachment’s (no kind) from its MIME type', () => {
    expect(kindOf({ kind: 'voice', mimeType: 'audio/webm' })).toBe('voice');
    expect(kindOf({ kind: 'file', mimeType: 'image/png' })).toBe('file');
    expect(kindOf({ mimeType: 'audio/ogg' })).toBe('audio');
    expect(kindOf({ kind: 'hologram', mimeType: 'image/png' })).toBe('image');
  });

  it('shows images inline only with the dimensions that size their box, videos always', () => {
    expect(displayKind({ kind: 'image', mimeType: 'image/png', width: 2, height: 3 })).toBe('image');
    expect(displayKind({ kind: 'image', mimeType: 'image/png' })).toBe('file');
    expect(displayKind({ kind: 'video', mimeType: 'video/mp4', width: 640, height: 360 })).toBe('video');
    expect(displayKind({ kind: 'video', mimeType: 'video/mp4' })).toBe('video');
    expect(displayKind({ kind: 'voice', mimeType: 'audio/webm' })).toBe('voice');
  });
});

describe('messageTypeFor', () => {
  it('is the uploads’ kind when they share one, else file', () => {
    const of = (...kinds: string[]) => kinds.map((kind) => ({ kind, mimeType: 'x/y' }));
    expect(messageTypeFor(of('image', 'image'))).toBe('image');
    expect(messageTypeFor(of('voice'))).toBe('voice');
    expect(messageTypeFor(of('video'))).toBe('video');
    expect(messageTypeFor(of('image', 'file'))).toBe('file');
    expect(messageTypeFor(of('image', 'video'))).toBe('file');
    expect(messageTypeFor([])).toBe('file');
  });
});

describe('acceptFiles', () => {
  it('keeps at most the attachments a message holds, and leaves out empty files', () => {
    const many = Array.from({ length: 12 }, (_, index) => file(`f${index}`, 3));
    const { accepted, notice } = acceptFiles(many, 1);
    expect(accepted).toHaveLength(MAX_ATTACHMENTS - 1);
    expect(notice).toMatch(/at most 10/);
    const result = acceptFiles([file('empty', 0), file('ok', 1)], 0);
    expect(result.accepted.map((f) => f.name)).toEqual(['ok']);
    expect(result.notice).toMatch(/Empty/);
    expect(acceptFiles([file('ok', 1)], 0).notice).toBeNull();
  });
});

describe('uploadErrorText', () => {
  it('turns the server’s codes into words, with the size limit from the 413 message', () => {
    expect(
      uploadErrorText('PAYLOAD_TOO_LARGE', 'The file is larger than this server accepts (26214400 bytes)'),
    ).toBe('Too large: the limit is 26 MB');
    expect(
      uploadErrorText(
        'PAYLOAD_TOO_LARGE',
        'The file is larger than this server accepts for an image (5242880 bytes)',
      ),
    ).toBe('Too large: the limit for an image is 5.2 MB');
    expect(uploadErrorText('PAYLOAD_TOO_LARGE', 'Too big')).toBe('Too large for this server');
    expect(uploadErrorText('UPLOAD_UNSUPPORTED_TYPE')).toMatch(/cannot be sent/);
    expect(uploadErrorText('UPLOADS_NOT_CONFIGURED')).toMatch(/does not accept files/);
    expect(uploadErrorText('UPLOAD_QUOTA_EXCEEDED')).toMatch(/today/);
    expect(uploadErrorText('UPLOAD_UNAVAILABLE')).toMatch(/unavailable/);
    expect(uploadErrorText('SOMETHING_NEW', 'Server says no')).toBe('Server says no');
  });

  it('knows which failures are worth a retry', () => {
    expect(isRetryable('RATE_LIMITED')).toBe(true);
    expect(isRetryable('NETWORK_ERROR')).toBe(true);
    expect(isRetryable('HTTP_502')).toBe(true);
    expect(isRetryable('UPLOAD_UNAVAILABLE')).toBe(true);
    expect(isRetryable('UPLOAD_UNSUPPORTED_TYPE')).toBe(false);
  });
});
