import { encode } from 'blurhash';
import sharp, { Sharp } from 'sharp';

/** An image as it is stored: re-encoded without metadata, upright. */
export interface ProcessedImage {
  content: Buffer;
  mimeType: string;
  width: number;
  height: number;
  blurhash: string;
}

/** Why an image was refused: more pixels than allowed, or not decodable. */
export type ImageRefusal = 'too-many-pixels' | 'undecodable';

export class ImageRefused extends Error {
  constructor(readonly reason: ImageRefusal) {
    super(reason);
  }
}

/** The output format per input type; animation survives in GIF and WebP. */
const ENCODERS: Record<string, (image: Sharp) => Sharp> = {
  'image/jpeg': (image) => image.jpeg({ quality: 90, mozjpeg: true }),
  'image/png': (image) => image.png({ compressionLevel: 8 }),
  'image/gif': (image) => image.gif(),
  'image/webp': (image) => image.webp({ quality: 90 }),
  // AVIF encodes slowly; the lowest effort keeps an upload's CPU time reasonable.
  'image/avif': (image) => image.avif({ quality: 70, effort: 2 }),
};

/**
 * Strips every piece of metadata (EXIF with GPS and camera serials, XMP, IPTC, comments) by re-encoding the
 * pixels: sharp writes none unless asked, and converts colours to sRGB so the ICC profile can go too. EXIF
 * orientation is applied first, so the picture stays upright without it. The pixel count is checked on the
 * header before anything is decoded (a small file can declare a gigantic canvas).
 */
export async function processImage(
  input: Buffer,
  mimeType: string,
  maxPixels: number,
): Promise<ProcessedImage> {
  const encoder = ENCODERS[mimeType];
  const header = await sharp(input, { limitInputPixels: false })
    .metadata()
    .catch(() => undefined);
  if (!encoder || !header?.width || !header.height) {
    throw new ImageRefused('undecodable');
  }
  const frames = header.pages ?? 1;
  if (header.width * (header.pageHeight ?? header.height) * frames > maxPixels) {
    throw new ImageRefused('too-many-pixels');
  }
  const animated = frames > 1;
  try {
    const source = sharp(input, { animated, limitInputPixels: maxPixels, failOn: 'error' }).rotate();
    const { data, info } = await encoder(source).toBuffer({ resolveWithObject: true });
    return {
      content: data,
      mimeType,
      width: info.width,
      height: info.pageHeight ?? info.height,
      blurhash: await placeholder(data),
    };
  } catch {
    throw new ImageRefused('undecodable');
  }
}

/** A BlurHash of the (first frame of the) image, 4x3 components, from a 32 px rendition. */
async function placeholder(image: Buffer): Promise<string> {
  const { data, info } = await sharp(image)
    .resize(32, 32, { fit: 'inside' })
    .ensureAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return encode(new Uint8ClampedArray(data), info.width, info.height, 4, 3);
}
