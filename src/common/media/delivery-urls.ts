/**
 * PLACEHOLDER for the upload branch (h/upload) until the delivery branch (h/delivery) lands: that branch owns
 * this file (token-signed, expiring URLs and variants). Only the shape the upload response needs is here.
 */

/** The URLs of one attachment, as every message response carries them. */
export interface DeliveryUrls {
  url: string;
  thumbnailUrl?: string;
  previewUrl?: string;
  /** ISO 8601; absent for a public (`upload`) asset, whose URL does not expire. */
  urlExpiresAt?: string;
}
