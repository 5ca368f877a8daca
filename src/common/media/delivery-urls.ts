import { v2 as cloudinary, AuthTokenApiOptions, TransformationOptions } from 'cloudinary';
import { MediaAsset } from './media-asset';

/** Where and how delivery URLs are signed (AppConfig `media`, with the cloud name of CLOUDINARY_URL). */
export interface DeliverySettings {
  cloudName: string;
  /** `https://res.cloudinary.com`, or another host serving the same paths (a CDN name, the stand-in). */
  deliveryBase: string;
  /** Cloudinary's token-based authentication key (hex), from the account's security settings. */
  authTokenKey: string;
  ttlSeconds: number;
}

/** The URLs of one attachment, as every message response carries them. */
export interface DeliveryUrls {
  /** The original (a voice note: an MP3 rendition every browser plays). */
  url: string;
  thumbnailUrl?: string;
  previewUrl?: string;
  /** ISO 8601; absent for a public (`upload`) asset, whose URL does not expire. */
  urlExpiresAt?: string;
}

export const THUMBNAIL_WIDTH = 320;
export const PREVIEW_WIDTH = 1280;
/** A video's poster is shown at the size of the player in a bubble, twice a thumbnail for dense screens. */
export const POSTER_WIDTH = 640;

/**
 * When URLs signed now expire (epoch seconds): at least `ttlSeconds` from now, rounded up to a quarter of
 * the TTL, so every response within a quarter hands out the same URLs and browsers and CDNs cache them.
 */
export function expiryOf(nowMs: number, ttlSeconds: number): number {
  const quantum = Math.max(1, Math.floor(ttlSeconds / 4));
  return Math.ceil((nowMs / 1000 + ttlSeconds) / quantum) * quantum;
}

/** Signs the URLs of an asset's original and its variants, valid until `expiryOf(nowMs)`. */
export function signDeliveryUrls(asset: MediaAsset, settings: DeliverySettings, nowMs: number): DeliveryUrls {
  const expiration = expiryOf(nowMs, settings.ttlSeconds);
  const signed = asset.deliveryType === 'authenticated';
  const url = (format: string | undefined, transformation?: TransformationOptions): string =>
    cloudinary.url(asset.publicId, {
      ...distribution(settings),
      cloud_name: settings.cloudName,
      resource_type: asset.resourceType,
      type: asset.deliveryType,
      format,
      transformation,
      // A URL token (no `acl`): valid for this exact path only, variants included, until `expiration`. The
      // typings ask for an `acl`, which would instead open every path under it.
      ...(signed && {
        sign_url: true,
        auth_token: { key: settings.authTokenKey, expiration } as AuthTokenApiOptions,
      }),
      // Cloudinary's usage beacon (`_a=`) would change the URL with every SDK release.
      urlAnalytics: false,
    });
  return {
    ...variants(asset, url),
    ...(signed && { urlExpiresAt: new Date(expiration * 1000).toISOString() }),
  };
}

type UrlOf = (format: string | undefined, transformation?: TransformationOptions) => string;

const limit = (width: number) => ({ crop: 'limit', width });
/** WebP or AVIF when the browser's Accept allows it, at a quality Cloudinary picks per image. */
const AUTO = { fetch_format: 'auto', quality: 'auto' };

function variants(asset: MediaAsset, url: UrlOf): Omit<DeliveryUrls, 'urlExpiresAt'> {
  // Raw files keep their extension in the public id; the others are delivered in their stored format.
  const format = asset.format ?? undefined;
  if (asset.kind === 'image') {
    return {
      url: url(format),
      thumbnailUrl: url(undefined, [limit(THUMBNAIL_WIDTH), AUTO]),
      previewUrl: url(undefined, [limit(PREVIEW_WIDTH), AUTO]),
    };
  }
  if (asset.kind === 'video') {
    return { url: url(format), thumbnailUrl: url('jpg', [{ start_offset: 0 }, limit(POSTER_WIDTH)]) };
  }
  if (asset.kind === 'voice') {
    // Recorders write Opus in WebM (Chrome, Firefox) or AAC in MP4 (Safari); MP3 plays in every browser.
    return { url: url('mp3') };
  }
  if (asset.resourceType === 'image' && asset.format === 'pdf') {
    return { url: url(format), thumbnailUrl: url('png', [{ page: 1 }, limit(THUMBNAIL_WIDTH)]) };
  }
  return { url: url(format) };
}

/** The SDK's host options for a delivery base: HTTPS names a `secure_distribution`, plain HTTP a `cname`. */
function distribution(settings: DeliverySettings): {
  secure: boolean;
  secure_distribution?: string;
  cname?: string;
} {
  const base = new URL(settings.deliveryBase);
  return base.protocol === 'https:'
    ? { secure: true, secure_distribution: base.host }
    : { secure: false, cname: base.host };
}
