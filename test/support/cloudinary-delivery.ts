import { execFile } from 'node:child_process';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import sharp from 'sharp';

const run = promisify(execFile);

/** A stored asset as delivery needs it. */
export interface DeliverableAsset {
  resourceType: string;
  /** `upload` (public) or `authenticated` (signed URLs only). */
  type: string;
  content: Buffer;
  format?: string;
}

/** A delivery request, parsed: `/<cloud>/<resource>/<type>/[<transformation>/...]v<version>/<public id>[.<ext>]`. */
export interface DeliveryPath {
  cloud: string;
  resourceType: string;
  type: string;
  /** One entry per `/`-separated transformation, each a map of its `key_value` parameters. */
  transformations: Array<Record<string, string>>;
  /** The path as requested after the type, without extension when the resource is not raw. */
  publicId: string;
  extension?: string;
}

export function parseDeliveryPath(pathname: string): DeliveryPath | undefined {
  const match = /^\/([^/]+)\/(image|video|raw)\/([a-z]+)\/((?:[^/]+\/)*?)v\d+\/(.+)$/.exec(pathname);
  if (!match) {
    return undefined;
  }
  const [, cloud, resourceType, type, chain, rest] = match;
  const transformations = chain
    .split('/')
    .filter(Boolean)
    .map((step) =>
      Object.fromEntries(
        step.split(',').map((part) => [part.slice(0, part.indexOf('_')), part.slice(part.indexOf('_') + 1)]),
      ),
    );
  const extension = resourceType === 'raw' ? undefined : /\.([a-z\d]+)$/.exec(rest)?.[1];
  const publicId = decodeURIComponent(extension ? rest.slice(0, -extension.length - 1) : rest);
  return { cloud, resourceType, type, transformations, publicId, extension };
}

/** Why Cloudinary's token authentication refuses a request, or undefined when the token is good. */
export function tokenProblem(
  pathname: string,
  query: URLSearchParams,
  key: string,
  nowMs: number,
): string | undefined {
  const token = query.get('__cld_token__');
  if (!token) {
    return 'Missing auth token';
  }
  const fields = Object.fromEntries(
    token.split('~').map((part) => [part.slice(0, part.indexOf('=')), part.slice(part.indexOf('=') + 1)]),
  );
  if (!fields.exp || !fields.hmac) {
    return 'Malformed auth token';
  }
  if (Number(fields.exp) * 1000 <= nowMs) {
    return 'Auth token expired';
  }
  // A URL token signs `exp` (and `st`) with the path it was issued for, escaped with lowercase hex.
  const signed = [fields.st && `st=${fields.st}`, `exp=${fields.exp}`, `url=${escapePath(pathname)}`].filter(
    Boolean,
  );
  const expected = createHmac('sha256', Buffer.from(key, 'hex')).update(signed.join('~')).digest();
  const given = Buffer.from(fields.hmac, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected)
    ? undefined
    : 'Invalid auth token';
}

function escapePath(path: string): string {
  return path.replace(
    /[ "#%&'/:;<=>?@[\]^`{|}~]/g,
    (c) => `%${c.charCodeAt(0).toString(16).padStart(2, '0')}`,
  );
}

export const CONTENT_TYPES: Record<string, string> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  webp: 'image/webp',
  avif: 'image/avif',
  gif: 'image/gif',
  pdf: 'application/pdf',
  wav: 'audio/wav',
  mp3: 'audio/mpeg',
  webm: 'video/webm',
  mp4: 'video/mp4',
};

/** A rendition: its bytes and format. */
export interface Rendition {
  content: Buffer;
  format?: string;
}

/**
 * Applies the transformations the app asks for as Cloudinary would: `c_limit,w_N` (shrink to fit a width,
 * never enlarge), `f_auto` (AVIF or WebP when `Accept` takes them), `q_auto`, `pg_N` (a PDF page), `so_N`
 * (a video's frame at N s), and a delivery format other than the stored one (a video's poster as jpg, a
 * voice note as mp3). Untransformed and in its own format, the stored bytes are answered as they are.
 */
export async function render(
  asset: DeliverableAsset,
  path: DeliveryPath,
  accept: string,
): Promise<Rendition> {
  const options = Object.assign({}, ...path.transformations) as Record<string, string>;
  const target = path.extension ?? asset.format;
  if (path.transformations.length === 0 && target === asset.format) {
    return { content: asset.content, format: asset.format };
  }
  if (asset.resourceType === 'video') {
    return target === 'jpg' || target === 'png'
      ? image(await videoFrame(asset, Number(options.so ?? 0)), options, target, accept)
      : { content: await transcode(asset, target ?? 'mp3'), format: target };
  }
  if (asset.format === 'pdf') {
    return image(await pdfPage(asset, Number(options.pg ?? 1)), options, target ?? 'png', accept);
  }
  return image(asset.content, options, target, accept);
}

async function image(
  input: Buffer,
  options: Record<string, string>,
  target: string | undefined,
  accept: string,
): Promise<Rendition> {
  let pipeline = sharp(input);
  if (options.w) {
    pipeline = pipeline.resize({ width: Number(options.w), withoutEnlargement: options.c === 'limit' });
  }
  const format = options.f === 'auto' ? autoFormat(accept, target) : target;
  if (format === 'avif' || format === 'webp' || format === 'png' || format === 'jpeg' || format === 'gif') {
    pipeline = pipeline.toFormat(format);
  } else if (format === 'jpg') {
    pipeline = pipeline.jpeg();
  }
  return { content: await pipeline.toBuffer(), format };
}

/** `f_auto`: the most efficient format the browser says it takes, else the asset's own. */
function autoFormat(accept: string, fallback: string | undefined): string | undefined {
  if (accept.includes('image/avif')) {
    return 'avif';
  }
  return accept.includes('image/webp') ? 'webp' : fallback;
}

async function withTempFile<T>(content: Buffer, use: (file: string, dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'cld-stand-in-'));
  try {
    const file = join(dir, 'input');
    await writeFile(file, content);
    return await use(file, dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function videoFrame(asset: DeliverableAsset, seconds: number): Promise<Buffer> {
  return withTempFile(asset.content, async (file) => {
    const args = [
      '-v',
      'error',
      '-ss',
      String(seconds),
      '-i',
      file,
      '-frames:v',
      '1',
      '-f',
      'image2',
      '-c:v',
      'png',
      'pipe:1',
    ];
    const { stdout } = await run('ffmpeg', args, { encoding: 'buffer', maxBuffer: 64 * 1024 * 1024 });
    return stdout;
  });
}

function transcode(asset: DeliverableAsset, format: string): Promise<Buffer> {
  return withTempFile(asset.content, async (file) => {
    const { stdout } = await run('ffmpeg', ['-v', 'error', '-i', file, '-vn', '-f', format, 'pipe:1'], {
      encoding: 'buffer',
      maxBuffer: 64 * 1024 * 1024,
    });
    return stdout;
  });
}

function pdfPage(asset: DeliverableAsset, page: number): Promise<Buffer> {
  return withTempFile(asset.content, async (file, dir) => {
    const out = join(dir, 'page');
    await run('pdftoppm', [
      '-f',
      String(page),
      '-l',
      String(page),
      '-png',
      '-r',
      '72',
      '-singlefile',
      file,
      out,
    ]);
    return readFile(`${out}.png`);
  });
}
