import { createHash, randomBytes } from 'node:crypto';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { Socket } from 'node:net';
import sharp from 'sharp';
import {
  CONTENT_TYPES,
  DeliverableAsset,
  parseDeliveryPath,
  render,
  tokenProblem,
} from './cloudinary-delivery';
import { listenOnLoopback, readBody } from './http-stand-in';

/** One call the stand-in received, as the SDK sent it. */
export interface ReceivedCall {
  action: string;
  resourceType: string;
  params: Record<string, string>;
  file?: Buffer;
  signatureValid: boolean;
}

export interface StandInOptions {
  /**
   * Deliver assets from the stand-in itself, as Cloudinary's CDN does: the app's delivery base
   * (CLOUDINARY_DELIVERY_BASE) and `secure_url` point at it (http on loopback), it refuses `authenticated`
   * assets without a valid, unexpired token, and applies the transformations the app asks for. Off, URLs
   * name res.cloudinary.com as Cloudinary's do.
   */
  deliver?: boolean;
}

/** One delivery request the stand-in answered. */
export interface Delivery {
  path: string;
  status: number;
  /** What the token check said: `ok`, the refusal (`Auth token expired`...), or absent for a public asset. */
  token?: string;
}

/** How the stand-in misbehaves until told otherwise: a 500 error body, a bare 503, or a dropped connection. */
export type Failure = 'error-500' | 'unavailable-503' | 'drop-connection';

const CLOUD = 'parley-stand-in';
const API_KEY = '614335564976464';
const API_SECRET = 'stand-in-api-secret-0123456789';
/** The account's token-based authentication key (hex), which signs delivery URLs of authenticated assets. */
const AUTH_TOKEN_KEY = '5c6f3b1a9e2d4c7b8a0f1e2d3c4b5a69788796a5b4c3d2e1f0a9b8c7d6e5f4a3';
/** Cloudinary refuses requests signed more than an hour ago. */
const MAX_TIMESTAMP_AGE_S = 3600;
/** Parameters Cloudinary leaves out of the string to sign. */
const UNSIGNED = new Set(['file', 'api_key', 'resource_type', 'cloud_name', 'signature']);

/**
 * A local stand-in for Cloudinary's upload API, speaking what the real `cloudinary` SDK sends:
 * `POST /v1_1/<cloud>/<resource_type>/upload|destroy` as multipart/form-data, signed with the API secret
 * (SHA-1 of the sorted `key=value` parameters joined by `&`, followed by the secret). Bad signatures get
 * Cloudinary's 401; PNG dimensions and WAV durations are read from the file itself.
 */
export class CloudinaryStandIn {
  /** The cloud name in CLOUDINARY_URL, and in every delivery URL this stand-in answers. */
  readonly cloudName = CLOUD;
  readonly calls: ReceivedCall[] = [];
  /** Stored assets by public_id. */
  readonly assets = new Map<string, DeliverableAsset & { bytes: number }>();
  readonly deliveries: Delivery[] = [];
  /** Upload requests whose body started to arrive. */
  uploadsStarted = 0;
  /** Upload requests whose body never arrived whole (the sender cut the connection): nothing was stored. */
  abortedUploads = 0;
  private failure?: Failure;
  private held?: Promise<void>;
  private readonly sockets = new Set<Socket>();

  private constructor(
    private readonly server: Server,
    readonly url: string,
    private readonly deliver: boolean,
  ) {
    server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
  }

  static async start(options: StandInOptions = {}): Promise<CloudinaryStandIn> {
    const server = createServer();
    const standIn = new CloudinaryStandIn(server, await listenOnLoopback(server), options.deliver ?? false);
    server.on('request', (req: IncomingMessage, res: ServerResponse) => {
      standIn.handle(req, res).catch(() => send(res, 500, { error: { message: 'stand-in failure' } }));
    });
    return standIn;
  }

  /** The prefix of every delivery URL (for ATTACHMENT_URL_PREFIXES). */
  get deliveryPrefix(): string {
    return `${this.deliver ? this.url : 'https://res.cloudinary.com'}/${CLOUD}/`;
  }

  /** App environment pointing the SDK here; `secret` overrides the API secret the app signs with. */
  env(secret = API_SECRET): Record<string, string> {
    return {
      CLOUDINARY_URL: `cloudinary://${API_KEY}:${secret}@${CLOUD}`,
      CLOUDINARY_API_BASE: this.url,
      CLOUDINARY_AUTH_TOKEN_KEY: AUTH_TOKEN_KEY,
      ...(this.deliver && { CLOUDINARY_DELIVERY_BASE: this.url }),
    };
  }

  /** Calls received from now on get no answer until the returned function is called. */
  hold(): () => void {
    let release!: () => void;
    this.held = new Promise((resolve) => (release = resolve));
    return () => {
      this.held = undefined;
      release();
    };
  }

  /**
   * A check that nothing is kept of the uploads made from now on: no new asset, and every upload request
   * that began to arrive was cut before its end (one cut before it even connected never arrives).
   */
  keepsNothingFromNow(): () => void {
    const [assets, started, aborted] = [this.assets.size, this.uploadsStarted, this.abortedUploads];
    return () => {
      expect({ assets: this.assets.size, cut: this.abortedUploads - aborted }).toEqual({
        assets,
        cut: this.uploadsStarted - started,
      });
    };
  }

  fail(failure: Failure | undefined): void {
    this.failure = failure;
  }

  uploadsOf(file: Buffer): ReceivedCall[] {
    return this.calls.filter((call) => call.action === 'upload' && call.file?.equals(file));
  }

  close(): Promise<void> {
    this.sockets.forEach((socket) => socket.destroy());
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method === 'GET' && this.deliver) {
      return this.serve(req, res);
    }
    const [, version, cloud, resourceType, action] = new URL(req.url ?? '/', this.url).pathname.split('/');
    const body = await this.receive(req, action);
    if (!body) {
      return;
    }
    const { params, file } = parseMultipart(body, req.headers['content-type'] ?? '');
    const signatureValid = params.signature === sign(params, API_SECRET);
    this.calls.push({ action, resourceType, params, file, signatureValid });
    await this.held;
    if (this.failure === 'drop-connection') {
      req.socket.destroy();
      return;
    }
    if (this.failure === 'unavailable-503') {
      return send(res, 503, '<html>Service Unavailable</html>');
    }
    if (this.failure === 'error-500') {
      return send(res, 500, { error: { message: 'General Error' } });
    }
    if (version !== 'v1_1' || cloud !== CLOUD || req.method !== 'POST') {
      return send(res, 404, { error: { message: 'Resource not found' } });
    }
    const age = Date.now() / 1000 - Number(params.timestamp);
    if (params.api_key !== API_KEY || !signatureValid || !(age < MAX_TIMESTAMP_AGE_S)) {
      return send(res, 401, { error: { message: `Invalid Signature ${params.signature ?? ''}.` } });
    }
    if (action === 'upload' && file) {
      return this.upload(resourceType, params, file, await imageFacts(file), res);
    }
    if (action === 'destroy' && params.public_id) {
      // Cloudinary finds an asset by public id, resource type and delivery type together.
      const asset = this.assets.get(params.public_id);
      const found = asset?.resourceType === resourceType && asset.type === (params.type ?? 'upload');
      if (found) {
        this.assets.delete(params.public_id);
      }
      return send(res, 200, { result: found ? 'ok' : 'not found' });
    }
    send(res, 400, { error: { message: 'Missing required parameter - file' } });
  }

  /**
   * The whole body, as Cloudinary reads it before acting on it; undefined when the sender cut the connection
   * first (an upload the app aborted), which Cloudinary answers with nothing and stores nothing of.
   */
  private async receive(req: IncomingMessage, action: string): Promise<Buffer | undefined> {
    this.uploadsStarted += action === 'upload' ? 1 : 0;
    try {
      return await readBody(req);
    } catch {
      this.abortedUploads += action === 'upload' ? 1 : 0;
      return undefined;
    }
  }

  private upload(
    requested: string,
    params: Record<string, string>,
    file: Buffer,
    image: Media | undefined,
    res: ServerResponse,
  ): void {
    const media = image ?? describe(file);
    if (requested !== 'auto' && requested !== media.resourceType) {
      return send(res, 400, { error: { message: `Invalid ${requested} file` } });
    }
    if (!media.valid) {
      return send(res, 400, { error: { message: 'Invalid image file' } });
    }
    const publicId = [params.folder, params.public_id ?? randomBytes(10).toString('hex')]
      .filter(Boolean)
      .join('/');
    if (params.overwrite === '0' && this.assets.has(publicId)) {
      return send(res, 400, { error: { message: 'Resource already exists' } });
    }
    const type = params.type ?? 'upload';
    this.assets.set(publicId, {
      resourceType: media.resourceType,
      type,
      bytes: file.length,
      content: file,
      format: media.format,
    });
    const version = Math.floor(Date.now() / 1000);
    const path = `${CLOUD}/${media.resourceType}/${type}/v${version}/${publicId}${media.format ? `.${media.format}` : ''}`;
    const base = this.deliver ? this.url : 'https://res.cloudinary.com';
    send(res, 200, {
      asset_id: randomBytes(16).toString('hex'),
      public_id: publicId,
      version,
      signature: randomBytes(20).toString('hex'),
      format: media.format,
      resource_type: media.resourceType,
      created_at: new Date().toISOString(),
      tags: [],
      bytes: file.length,
      type,
      placeholder: false,
      url: `${base.replace(/^https:/, 'http:')}/${path}`,
      secure_url: `${base}/${path}`,
      asset_folder: params.folder ?? '',
      original_filename: 'file',
      ...media.metadata,
    });
  }

  /**
   * GET /<cloud>/<resource>/<type>/[<transformations>/]v<version>/<public_id>[.<format>]: an `authenticated`
   * asset only with a valid URL token (401 otherwise, as Cloudinary answers), a path of another delivery
   * type than the asset's is not found; the rendition the transformations ask for, byte ranges for media.
   */
  private async serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.url);
    const path = parseDeliveryPath(url.pathname);
    const asset = path && path.cloud === CLOUD ? this.assets.get(path.publicId) : undefined;
    const answer = (status: number, token?: string) =>
      this.deliveries.push({ path: url.pathname, status, token });
    if (!path || !asset || asset.resourceType !== path.resourceType || asset.type !== path.type) {
      answer(404);
      return send(res, 404, { error: { message: 'Resource not found' } });
    }
    const problem =
      asset.type === 'authenticated'
        ? tokenProblem(url.pathname, url.searchParams, AUTH_TOKEN_KEY, Date.now())
        : undefined;
    if (problem) {
      answer(401, problem);
      res.writeHead(401, { 'x-cld-error': problem, 'content-type': 'text/plain' }).end(problem);
      return;
    }
    const rendition = await render(asset, path, req.headers.accept ?? '');
    answer(200, asset.type === 'authenticated' ? 'ok' : undefined);
    const headers = {
      'content-type': CONTENT_TYPES[rendition.format ?? ''] ?? 'application/octet-stream',
      vary: 'Accept',
    };
    sendRange(req, res, rendition.content, headers);
  }
}

function sendRange(
  req: IncomingMessage,
  res: ServerResponse,
  content: Buffer,
  headers: Record<string, string>,
): void {
  const range = /^bytes=(\d*)-(\d*)$/.exec(req.headers.range ?? '');
  const size = content.length;
  if (!range || (range[1] === '' && range[2] === '')) {
    res.writeHead(200, { ...headers, 'accept-ranges': 'bytes', 'content-length': size }).end(content);
    return;
  }
  const start = range[1] === '' ? Math.max(0, size - Number(range[2])) : Number(range[1]);
  const end = range[1] === '' || range[2] === '' ? size - 1 : Math.min(Number(range[2]), size - 1);
  if (start > end) {
    res.writeHead(416, { 'content-range': `bytes */${size}` }).end();
    return;
  }
  res
    .writeHead(206, {
      ...headers,
      'content-range': `bytes ${start}-${end}/${size}`,
      'content-length': end - start + 1,
    })
    .end(content.subarray(start, end + 1));
}

interface Media {
  resourceType: 'image' | 'video' | 'raw';
  format?: string;
  valid: boolean;
  metadata: Record<string, unknown>;
}

/** What Cloudinary's `auto` detection makes of a file, for the formats the tests send. */
function describe(file: Buffer): Media {
  if (file.subarray(1, 4).toString('latin1') === 'PNG') {
    // The IHDR chunk follows the 8-byte signature: length, "IHDR", then width and height.
    const valid = file.length >= 24 && file.subarray(12, 16).toString('latin1') === 'IHDR';
    const metadata = valid ? { width: file.readUInt32BE(16), height: file.readUInt32BE(20) } : {};
    return { resourceType: 'image', format: 'png', valid, metadata };
  }
  if (
    file.subarray(0, 4).toString('latin1') === 'RIFF' &&
    file.subarray(8, 12).toString('latin1') === 'WAVE'
  ) {
    // Canonical header: byte rate at 28, data size at 40.
    const duration = file.readUInt32LE(40) / file.readUInt32LE(28);
    return {
      resourceType: 'video',
      format: 'wav',
      valid: true,
      metadata: { duration, is_audio: true, audio: { codec: 'pcm_s16le' }, width: 0, height: 0 },
    };
  }
  if (file.length >= 4 && file.readUInt32BE(0) === 0x1a45dfa3) {
    // No duration is reported: the case clients must handle (a MediaRecorder WebM has none in its header).
    return { resourceType: 'video', format: 'webm', valid: true, metadata: { is_audio: true } };
  }
  if (
    file.subarray(4, 8).toString('latin1') === 'ftyp' &&
    file.subarray(8, 11).toString('latin1') !== 'M4A'
  ) {
    return { resourceType: 'video', format: 'mp4', valid: true, metadata: {} };
  }
  if (file.subarray(0, 5).toString('latin1') === '%PDF-') {
    return {
      resourceType: 'image',
      format: 'pdf',
      valid: true,
      metadata: { width: 612, height: 792, pages: 1 },
    };
  }
  return { resourceType: 'raw', valid: true, metadata: {} };
}

/** JPEG, GIF and WebP as Cloudinary describes them (`describe` reads PNG from its header). */
async function imageFacts(file: Buffer): Promise<Media | undefined> {
  const facts = await sharp(file)
    .metadata()
    .catch(() => undefined);
  const format = facts && ({ jpeg: 'jpg', gif: 'gif', webp: 'webp' } as Record<string, string>)[facts.format];
  return format
    ? { resourceType: 'image', format, valid: true, metadata: { width: facts.width, height: facts.height } }
    : undefined;
}

/** Cloudinary's request signature (signature_version 2 escapes `&` inside values). */
export function sign(params: Record<string, string>, secret: string): string {
  const toSign = Object.entries(params)
    .filter(([key, value]) => !UNSIGNED.has(key) && value !== '')
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, value]) => `${key}=${value}`.replace(/&/g, '%26'))
    .join('&');
  return createHash('sha1')
    .update(toSign + secret)
    .digest('hex');
}

function parseMultipart(
  body: Buffer,
  contentType: string,
): { params: Record<string, string>; file?: Buffer } {
  const boundary = /boundary=([^;]+)/.exec(contentType)?.[1];
  const params: Record<string, string> = {};
  let file: Buffer | undefined;
  if (!boundary) {
    return { params };
  }
  const delimiter = Buffer.from(`--${boundary}`);
  let start = body.indexOf(delimiter);
  while (start >= 0) {
    const next = body.indexOf(delimiter, start + delimiter.length);
    if (next < 0) {
      break;
    }
    // Each part: CRLF, headers, blank line, content, CRLF before the next delimiter.
    const part = body.subarray(start + delimiter.length + 2, next - 2);
    const split = part.indexOf('\r\n\r\n');
    const headers = part.subarray(0, split).toString('utf8');
    const name = /name="([^"]*)"/.exec(headers)?.[1] ?? '';
    const content = part.subarray(split + 4);
    if (name === 'file') {
      file = content;
    } else {
      params[name] = content.toString('utf8');
    }
    start = next;
  }
  return { params, file };
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const json = typeof body !== 'string';
  res
    .writeHead(status, { 'content-type': json ? 'application/json' : 'text/html' })
    .end(json ? JSON.stringify(body) : body);
}
