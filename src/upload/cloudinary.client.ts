import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { v2 as cloudinary, UploadApiOptions, UploadApiResponse } from 'cloudinary';
import http from 'node:http';
import https from 'node:https';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { cloudinaryFailure } from './cloudinary-failure';

/** What Parley keeps of Cloudinary's answer to an upload. */
export interface StoredAsset {
  publicId: string;
  resourceType: string;
  secureUrl: string;
  bytes: number;
  width?: number;
  height?: number;
  /** Seconds, for audio and video. */
  duration?: number;
}

const REQUEST_TIMEOUT_MS = 60_000;

/**
 * The Cloudinary upload API through the official SDK, configured once from AppConfig. The account travels
 * with each call instead of through `cloudinary.config()`: the SDK's config is a process-wide singleton that
 * it also fills from process.env, and AppConfig must stay the one source (two apps in one process, as in the
 * tests, keep their own accounts).
 */
@Injectable()
export class CloudinaryClient implements OnModuleDestroy {
  private readonly logger = new Logger(CloudinaryClient.name);
  private readonly options?: UploadApiOptions;
  private readonly agent?: http.Agent;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    const account = config.upload.cloudinary;
    if (!account) {
      this.logger.log('Uploads are disabled: CLOUDINARY_URL is not set');
      return;
    }
    // The SDK chooses between the http and https modules once, when first loaded, from process.env; an agent
    // of the configured base's protocol makes an http:// base (a stand-in, a local proxy) work as well.
    this.agent = account.apiBase.startsWith('http:')
      ? new http.Agent({ keepAlive: true })
      : new https.Agent({ keepAlive: true });
    this.options = {
      cloud_name: account.cloudName,
      api_key: account.apiKey,
      api_secret: account.apiSecret,
      upload_prefix: account.apiBase,
      agent: this.agent,
      timeout: REQUEST_TIMEOUT_MS,
      folder: config.upload.folder,
    };
  }

  get configured(): boolean {
    return this.options !== undefined;
  }

  /** Uploads under `<folder>/<publicId>`, letting Cloudinary pick image, video or raw storage. */
  upload(content: Buffer, publicId: string): Promise<StoredAsset> {
    return new Promise((resolve, reject) => {
      const stream = cloudinary.uploader.upload_stream(
        { ...this.options, resource_type: 'auto', public_id: publicId, overwrite: false },
        (error, result) => (result && !error ? resolve(toStoredAsset(result)) : reject(this.failed(error))),
      );
      stream.end(content);
    });
  }

  /** Deletes the asset and purges it from the CDN; an asset already gone counts as deleted. */
  destroy(publicId: string, resourceType: string, deliveryType = 'upload'): Promise<void> {
    return new Promise((resolve, reject) => {
      void cloudinary.uploader.destroy(
        publicId,
        { ...this.options, resource_type: resourceType, type: deliveryType, invalidate: true },
        (error) => (error ? reject(this.failed(error)) : resolve()),
      );
    });
  }

  onModuleDestroy(): void {
    this.agent?.destroy();
  }

  private failed(error: unknown): Error {
    this.logger.warn({ err: error }, 'Cloudinary request failed');
    return cloudinaryFailure(error);
  }
}

function toStoredAsset(result: UploadApiResponse): StoredAsset {
  const number = (value: unknown) => (typeof value === 'number' ? value : undefined);
  return {
    publicId: result.public_id,
    resourceType: result.resource_type,
    secureUrl: result.secure_url,
    bytes: result.bytes,
    width: number(result.width),
    height: number(result.height),
    duration: number(result.duration),
  };
}
