import { Inject, Injectable } from '@nestjs/common';
import { v2 as cloudinary } from 'cloudinary';
import { APP_CONFIG, AppConfig, CloudinaryAccount } from '../../config/app-config';
import { DeliveryUrls } from './delivery-urls';
import { MediaAsset } from './media-asset';

/** An hour, rounded like the delivery branch does, so the placeholder's responses look the same. */
const TTL_SECONDS = 3600;

/**
 * PLACEHOLDER for the upload branch (h/upload) until the delivery branch (h/delivery) lands with the real
 * signer (token authentication, expiry, variants): here only the original, signed with the API secret.
 */
@Injectable()
export class MediaUrls {
  private readonly account?: CloudinaryAccount;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.account = config.upload.cloudinary;
  }

  sign(asset: MediaAsset): DeliveryUrls | null {
    if (!this.account) {
      return null;
    }
    const url = cloudinary.url(asset.publicId, {
      cloud_name: this.account.cloudName,
      api_secret: this.account.apiSecret,
      resource_type: asset.resourceType,
      type: asset.deliveryType,
      format: asset.format ?? undefined,
      sign_url: asset.deliveryType === 'authenticated',
      secure: true,
      urlAnalytics: false,
    });
    const quantum = TTL_SECONDS / 4;
    const expiresAt = Math.ceil((Date.now() / 1000 + TTL_SECONDS) / quantum) * quantum;
    return asset.deliveryType === 'authenticated'
      ? { url, urlExpiresAt: new Date(expiresAt * 1000).toISOString() }
      : { url };
  }
}
