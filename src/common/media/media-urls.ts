import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { DeliverySettings, DeliveryUrls, signDeliveryUrls } from './delivery-urls';
import { MediaAsset } from './media-asset';

/** Signs attachments' delivery URLs with the configured account; every response that shows media asks it. */
@Injectable()
export class MediaUrls {
  private readonly settings: DeliverySettings | null;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    const account = config.upload.cloudinary;
    const key = config.media.authTokenKey;
    this.settings =
      account && key
        ? {
            cloudName: account.cloudName,
            deliveryBase: config.media.deliveryBase,
            authTokenKey: key,
            ttlSeconds: config.media.urlTtlSeconds,
          }
        : null;
  }

  /** Null when uploads are off: the asset cannot be reached, so a client shows the attachment as missing. */
  sign(asset: MediaAsset): DeliveryUrls | null {
    return this.settings && signDeliveryUrls(asset, this.settings, Date.now());
  }
}
