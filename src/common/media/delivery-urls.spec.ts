import { createHmac } from 'node:crypto';
import { DeliverySettings, expiryOf, signDeliveryUrls } from './delivery-urls';
import { MediaAsset } from './media-asset';

const KEY = 'aabbccdd00112233445566778899aabb';
const settings: DeliverySettings = {
  cloudName: 'demo',
  deliveryBase: 'https://res.cloudinary.com',
  authTokenKey: KEY,
  ttlSeconds: 3600,
};
const NOW = 1_700_000_000_000;
/** 1700000000 + 3600, rounded up to a quarter of the TTL (900 s). */
const EXP = 1_700_003_700;

const asset = (extra: Partial<MediaAsset>): MediaAsset => ({
  publicId: 'parley/abc',
  resourceType: 'image',
  deliveryType: 'authenticated',
  format: 'jpg',
  kind: 'image',
  ...extra,
});

/** Cloudinary's URL token, computed as its docs describe: HMAC-SHA256 of `exp~url` with the path escaped. */
function token(path: string, exp = EXP): string {
  const escaped = path.replace(/[ "#%&'/:;<=>?@[\]^`{|}~]/g, (c) => `%${c.charCodeAt(0).toString(16)}`);
  const hmac = createHmac('sha256', Buffer.from(KEY, 'hex'))
    .update(`exp=${exp}~url=${escaped}`)
    .digest('hex');
  return `__cld_token__=exp=${exp}~hmac=${hmac}`;
}

const signed = (path: string, base = 'https://res.cloudinary.com') => `${base}${path}?${token(path)}`;

describe('expiryOf', () => {
  it('rounds now + TTL up to a quarter of the TTL, so responses within a quarter share their URLs', () => {
    expect(expiryOf(NOW, 3600)).toBe(EXP);
    expect(expiryOf(NOW + 99_000, 3600)).toBe(EXP);
    expect(expiryOf(NOW + 100_001, 3600)).toBe(EXP + 900);
  });

  it('never expires sooner than the TTL, down to one-second quanta for short TTLs', () => {
    for (const offset of [0, 1, 499, 999, 1000, 1001]) {
      expect(expiryOf(NOW + offset, 2)).toBeGreaterThanOrEqual((NOW + offset) / 1000 + 2);
      expect(expiryOf(NOW + offset, 2)).toBeLessThanOrEqual((NOW + offset) / 1000 + 3);
    }
  });
});

describe('signDeliveryUrls', () => {
  it('signs an image, its 320 px thumbnail and 1280 px preview (format and quality chosen per browser)', () => {
    expect(signDeliveryUrls(asset({}), settings, NOW)).toEqual({
      url: signed('/demo/image/authenticated/v1/parley/abc.jpg'),
      thumbnailUrl: signed('/demo/image/authenticated/c_limit,w_320/f_auto,q_auto/v1/parley/abc'),
      previewUrl: signed('/demo/image/authenticated/c_limit,w_1280/f_auto,q_auto/v1/parley/abc'),
      urlExpiresAt: new Date(EXP * 1000).toISOString(),
    });
  });

  it('gives a video a JPEG poster of its first frame', () => {
    const urls = signDeliveryUrls(
      asset({ resourceType: 'video', format: 'mp4', kind: 'video' }),
      settings,
      NOW,
    );
    expect(urls).toEqual({
      url: signed('/demo/video/authenticated/v1/parley/abc.mp4'),
      thumbnailUrl: signed('/demo/video/authenticated/so_0/c_limit,w_640/v1/parley/abc.jpg'),
      urlExpiresAt: expect.any(String),
    });
  });

  it('delivers a voice note as MP3, and other audio as uploaded', () => {
    const voice = asset({ resourceType: 'video', format: 'webm', kind: 'voice' });
    expect(signDeliveryUrls(voice, settings, NOW).url).toBe(
      signed('/demo/video/authenticated/v1/parley/abc.mp3'),
    );
    const audio = asset({ resourceType: 'video', format: 'wav', kind: 'audio' });
    expect(signDeliveryUrls(audio, settings, NOW)).toEqual({
      url: signed('/demo/video/authenticated/v1/parley/abc.wav'),
      urlExpiresAt: expect.any(String),
    });
  });

  it('previews a PDF by its first page as a PNG, and a raw file by nothing', () => {
    const pdf = asset({ format: 'pdf', kind: 'file' });
    expect(signDeliveryUrls(pdf, settings, NOW)).toMatchObject({
      url: signed('/demo/image/authenticated/v1/parley/abc.pdf'),
      thumbnailUrl: signed('/demo/image/authenticated/pg_1/c_limit,w_320/v1/parley/abc.png'),
    });
    const zip = asset({ publicId: 'parley/abc.zip', resourceType: 'raw', format: null, kind: 'file' });
    expect(signDeliveryUrls(zip, settings, NOW)).toEqual({
      url: signed('/demo/raw/authenticated/v1/parley/abc.zip'),
      urlExpiresAt: expect.any(String),
    });
  });

  it('points at another delivery host, over plain HTTP too (the local stand-in)', () => {
    const local = { ...settings, deliveryBase: 'http://127.0.0.1:9999' };
    expect(signDeliveryUrls(asset({}), local, NOW).url).toBe(
      signed('/demo/image/authenticated/v1/parley/abc.jpg', 'http://127.0.0.1:9999'),
    );
  });

  it('leaves a public (legacy) asset unsigned and without expiry', () => {
    expect(
      signDeliveryUrls(asset({ deliveryType: 'upload', kind: 'file', format: 'png' }), settings, NOW),
    ).toEqual({
      url: 'https://res.cloudinary.com/demo/image/upload/v1/parley/abc.png',
    });
  });
});
