import { describe, expect, it } from 'vitest';
import {
  acceptFiles,
  completeUpload,
  displayKind,
  isRetryable,
  kindOfMime,
  MAX_ATTACHMENTS,
  messageTypeFor,
  toAttachment,
  type Uploaded,
  uploadErrorText,
} from './media-kinds';

const upload = (extra: Partial<Uploaded>): Uploaded => ({
  id: 'u1',
  url: 'https://media.example/x',
  mimeType: 'application/pdf',
  size: 10,
  name: 'x',
  kind: 'file',
  ...extra,
});

const file = (name: string, size: number) => new File([new Uint8Array(size)], name);

describe('kindOfMime and displayKind', () => {
  it('shows inline only the images a browser can draw, and audio as a player', () => {
    expect(kindOfMime('image/png')).toBe('image');
    expect(kindOfMime('IMAGE/JPEG')).toBe('image');
    expect(kindOfMime('image/heic')).toBe('file');
    expect(kindOfMime('audio/webm;codecs=opus')).toBe('audio');
    expect(kindOfMime('application/pdf')).toBe('file');
  });

  it('shows an image without dimensions as a file', () => {
    expect(
      displayKind({ url: 'u', mimeType: 'image/png', size: 1, name: 'a.png', width: 2, height: 3 }),
    ).toBe('image');
    expect(displayKind({ url: 'u', mimeType: 'image/png', size: 1, name: 'a.png' })).toBe('file');
    expect(displayKind({ url: null, mimeType: 'audio/ogg', size: 1, name: 'a.ogg' })).toBe('audio');
  });
});

describe('messageTypeFor', () => {
  it('is image or audio only when every upload is, else file', () => {
    expect(messageTypeFor([{ kind: 'image' }, { kind: 'image' }])).toBe('image');
    expect(messageTypeFor([{ kind: 'audio' }])).toBe('audio');
    expect(messageTypeFor([{ kind: 'image' }, { kind: 'file' }])).toBe('file');
    expect(messageTypeFor([{ kind: 'image' }, { kind: 'audio' }])).toBe('file');
    expect(messageTypeFor([])).toBe('file');
  });
});

describe('completeUpload', () => {
  it('fills a voice note’s duration the media host did not measure, making it audio', () => {
    const voice = upload({ mimeType: 'audio/webm', kind: 'file' });
    expect(completeUpload(voice, { durationMs: 2345.6 })).toMatchObject({ kind: 'audio', durationMs: 2346 });
  });

  it('fills image dimensions measured in the browser, and never overrides the host’s', () => {
    const unmeasured = upload({ mimeType: 'image/png', kind: 'file' });
    expect(completeUpload(unmeasured, { width: 4, height: 3 })).toMatchObject({
      kind: 'image',
      width: 4,
      height: 3,
    });
    const measured = upload({ mimeType: 'image/png', kind: 'image', width: 40, height: 30 });
    expect(completeUpload(measured, { width: 4, height: 3 })).toBe(measured);
  });

  it('leaves other files alone', () => {
    const pdf = upload({});
    expect(completeUpload(pdf, { width: 1, height: 1, durationMs: 5 })).toBe(pdf);
  });

  it('strips id and kind for the message attachment', () => {
    expect(toAttachment(upload({ width: 1 }))).toEqual({
      url: 'https://media.example/x',
      mimeType: 'application/pdf',
      size: 10,
      name: 'x',
      width: 1,
    });
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
    expect(uploadErrorText('UPLOAD_UNSUPPORTED_TYPE')).toMatch(/cannot be sent/);
    expect(uploadErrorText('UPLOADS_NOT_CONFIGURED')).toMatch(/does not accept files/);
    expect(uploadErrorText('SOMETHING_NEW', 'Server says no')).toBe('Server says no');
  });

  it('knows which failures are worth a retry', () => {
    expect(isRetryable('RATE_LIMITED')).toBe(true);
    expect(isRetryable('NETWORK_ERROR')).toBe(true);
    expect(isRetryable('HTTP_502')).toBe(true);
    expect(isRetryable('UPLOAD_UNSUPPORTED_TYPE')).toBe(false);
  });
});
