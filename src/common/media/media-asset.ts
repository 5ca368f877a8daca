/** What an upload is, for the message it is attached to (the `kind` of an attachment). */
export type MediaKind = 'image' | 'video' | 'audio' | 'voice' | 'file';

/** Cloudinary's storage class of an asset: needed to deliver and to destroy it. */
export type MediaResourceType = 'image' | 'video' | 'raw';

/**
 * How Cloudinary delivers an asset: `authenticated` only through a signed, expiring URL (every new upload);
 * `upload` publicly (uploads recorded before signed delivery existed).
 */
export type MediaDeliveryType = 'authenticated' | 'upload';

/** The reference a message keeps of an upload: enough to sign its delivery URLs, never a URL. */
export interface MediaAsset {
  publicId: string;
  resourceType: MediaResourceType;
  deliveryType: MediaDeliveryType;
  /** Cloudinary's format (jpg, png, webm, pdf...); null for raw files, whose extension is in the id. */
  format: string | null;
  kind: MediaKind;
}
