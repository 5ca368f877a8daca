import { MessageType } from '../messages/message.schema';
import { StoredAsset } from './cloudinary.client';
import { toUploadResponse } from './upload.dto';

const asset = (extra: Partial<StoredAsset>): StoredAsset => ({
  publicId: 'parley/x',
  resourceType: 'image',
  secureUrl: 'https://res.cloudinary.com/demo/image/upload/v1/parley/x.png',
  bytes: 1234,
  ...extra,
});

describe('toUploadResponse', () => {
  it('gives an image its measured dimensions and the image kind', () => {
    const response = toUploadResponse(
      'id1',
      asset({ width: 640, height: 480 }),
      {
        mimeType: 'image/png',
        kind: MessageType.Image,
      },
      'a.png',
    );
    expect(response).toEqual({
      id: 'id1',
      url: 'https://res.cloudinary.com/demo/image/upload/v1/parley/x.png',
      mimeType: 'image/png',
      size: 1234,
      name: 'a.png',
      width: 640,
      height: 480,
      kind: 'image',
    });
  });

  it('converts the duration to whole milliseconds for audio', () => {
    const response = toUploadResponse(
      'id',
      asset({ duration: 2.3456 }),
      { mimeType: 'audio/ogg', kind: MessageType.Audio },
      'n',
    );
    expect(response).toMatchObject({ durationMs: 2346, kind: 'audio' });
  });

  it('offers media without the metadata its message type needs as a plain file', () => {
    expect(
      toUploadResponse('id', asset({}), { mimeType: 'image/heic', kind: MessageType.Image }, 'n').kind,
    ).toBe('file');
    const silent = toUploadResponse(
      'id',
      asset({ duration: 0 }),
      { mimeType: 'audio/mpeg', kind: MessageType.Audio },
      'n',
    );
    expect(silent).not.toHaveProperty('durationMs');
    expect(silent.kind).toBe('file');
  });

  it('leaves out metadata a message attachment would refuse', () => {
    const response = toUploadResponse(
      'id',
      asset({ width: 0, height: 200_000 }),
      {
        mimeType: 'video/mp4',
        kind: MessageType.File,
      },
      'clip.mp4',
    );
    expect(response).not.toHaveProperty('width');
    expect(response).not.toHaveProperty('height');
  });
});
