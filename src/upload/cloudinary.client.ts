import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { v2 as cloudinary, UploadApiOptions, UploadApiResponse } from 'cloudinary';
import http from 'node:http';
import https from 'node:https';
import { Duplex, Writable } from 'node:stream';
import { MediaDeliveryType, MediaResourceType } from '../common/media/media-asset';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { cloudinaryFailure } from './cloudinary-failure';

/** What Parley keeps of Cloudinary's answer to an upload. */
export interface StoredAsset {
  publicId: string;
  resourceType: MediaResourceType;
  /** Cloudinary's name for the stored format (jpg, png, mp4, webm, pdf…); absent for raw files. */
  format?: string;
  bytes: number;
  width?: number;
  height?: number;
  /** Seconds, for audio and video. */
  duration?: number;
}

const REQUEST_TIMEOUT_MS = 60_000;

/** An upload in progress: the file's bytes are written to `input`, and ending it completes the upload. */
export interface AssetUpload {
  readonly input: Writable;
  readonly result: Promise<StoredAsset>;
  /**
   * Cuts the connection in the middle of the body: Cloudinary never sees a complete request, so it keeps
   * nothing. `result` then rejects (ignore it).
   */
  abort(): void;
}

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
  private readonly secure: boolean = true;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    const account = config.upload.cloudinary;
    if (!account) {
      this.logger.log('Uploads are disabled: CLOUDINARY_URL is not set');
      return;
    }
    // The SDK chooses between the http and https modules once, when first loaded, from process.env; an agent
    // of the configured base's protocol makes an http:// base (a stand-in, a local proxy) work as well.
    this.secure = !account.apiBase.startsWith('http:');
    this.agent = this.secure ? new https.Agent({ keepAlive: true }) : new http.Agent({ keepAlive: true });
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

  /**
   * Starts an upload under `<folder>/<publicId>`, by default as an authenticated asset (delivered only
   * through signed URLs; `upload`: public, for avatars), letting Cloudinary pick image, video or raw storage. The bytes stream through as they are
   * written. Each upload has a connection of its own, so that `abort` can cut exactly that one: the SDK
   * does not hand out its request.
   */
  startUpload(publicId: string, deliveryType: MediaDeliveryType = 'authenticated'): AssetUpload {
    const connection = this.ownConnection();
    let settled = false;
    let input!: Writable;
    const result = new Promise<StoredAsset>((resolve, reject) => {
      input = cloudinary.uploader.upload_stream(
        {
          ...this.options,
          agent: connection.agent,
          resource_type: 'auto',
          type: deliveryType,
          public_id: publicId,
          overwrite: false,
        },
        (error, answer) => {
          settled = true;
          connection.agent.destroy();
          return answer && !error ? resolve(toStoredAsset(answer)) : reject(this.failed(error));
        },
      );
    });
    // An aborted upload's failure is expected; whoever still waits on `result` gets it all the same.
    result.catch(() => undefined);
    const abort = () => {
      if (!settled) {
        connection.sever();
      }
    };
    return { input, result, abort };
  }

  /** Uploads a whole file already in memory (an image once re-encoded). */
  async upload(content: Buffer, publicId: string, deliveryType: MediaDeliveryType): Promise<StoredAsset> {
    const upload = this.startUpload(publicId, deliveryType);
    upload.input.end(content);
    return upload.result;
  }

  /** Deletes the asset and purges it from the CDN; an asset already gone counts as deleted. */
  destroy(publicId: string, resourceType: string, deliveryType: MediaDeliveryType = 'upload'): Promise<void> {
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

  /** A keep-alive-less agent whose one connection can be destroyed (`sever`) mid-request. */
  private ownConnection(): { agent: http.Agent; sever(): void } {
    const agent = this.secure ? new https.Agent() : new http.Agent();
    const sockets: Duplex[] = [];
    const create = agent.createConnection.bind(agent);
    agent.createConnection = (options, callback) => {
      const socket = create(options, callback);
      if (socket) {
        sockets.push(socket);
      }
      return socket;
    };
    return { agent, sever: () => sockets.forEach((socket) => socket.destroy()) };
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
    resourceType: result.resource_type as MediaResourceType,
    format: typeof result.format === 'string' && result.format !== '' ? result.format : undefined,
    bytes: result.bytes,
    width: number(result.width),
    height: number(result.height),
    duration: number(result.duration),
  };
}
