import { StoredAsset } from './cloudinary.client';
import { SniffedType, UploadKind } from './file-type';

/** What POST /uploads answers: ready to be sent as one of a message's `attachments`. */
export interface UploadResponse {
  id: string;
  url: string;
  mimeType: string;
  size: number;
  name: string;
  width?: number;
  height?: number;
  durationMs?: number;
  /** The message `type` this attachment fits: `image` and `audio` need the metadata below, else `file`. */
  kind: UploadKind;
}

// The bounds of a message attachment (messages.dto.ts): metadata outside them is left out.
const MAX_DIMENSION = 100_000;
const MAX_DURATION_MS = 24 * 3600 * 1000;

const dimension = (value: number | undefined) =>
  value !== undefined && Number.isInteger(value) && value > 0 && value <= MAX_DIMENSION ? value : undefined;

function durationMs(seconds: number | undefined): number | undefined {
  const ms = seconds === undefined ? undefined : Math.round(seconds * 1000);
  return ms !== undefined && ms > 0 && ms <= MAX_DURATION_MS ? ms : undefined;
}

/**
 * Maps an upload to its response, with dimensions and duration as Cloudinary measured them. An image
 * Cloudinary gave no dimensions for (or audio without a duration) would be refused as an image (audio)
 * message, so it is offered as a `file` instead.
 */
export function toUploadResponse(
  id: string,
  asset: StoredAsset,
  type: SniffedType,
  name: string,
): UploadResponse {
  const metadata = {
    width: dimension(asset.width),
    height: dimension(asset.height),
    durationMs: durationMs(asset.duration),
  };
  const complete =
    type.kind === UploadKind.Image
      ? metadata.width !== undefined && metadata.height !== undefined
      : type.kind !== UploadKind.Audio || metadata.durationMs !== undefined;
  const present = Object.fromEntries(Object.entries(metadata).filter(([, value]) => value !== undefined));
  return {
    id,
    url: asset.secureUrl,
    mimeType: type.mimeType,
    size: asset.bytes,
    name,
    ...present,
    kind: complete ? type.kind : UploadKind.File,
  };
}
