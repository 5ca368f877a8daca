import { z } from 'zod';
import { MessageType } from '../messages/message.schema';
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

const dimension = z.number().int().positive().max(100_000);
const BOUNDS = {
  width: dimension,
  height: dimension,
  durationMs: z
    .number()
    .int()
    .positive()
    .max(24 * 3600 * 1000),
};

/** Implausible metadata is left out. */
const within = (field: 'width' | 'height' | 'durationMs', value: number | undefined) =>
  value !== undefined && BOUNDS[field].safeParse(value).success ? value : undefined;

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
    width: within('width', asset.width),
    height: within('height', asset.height),
    durationMs: within(
      'durationMs',
      asset.duration === undefined ? undefined : Math.round(asset.duration * 1000),
    ),
  };
  const complete =
    type.kind === MessageType.Image
      ? metadata.width !== undefined && metadata.height !== undefined
      : type.kind !== MessageType.Audio || metadata.durationMs !== undefined;
  const present = Object.fromEntries(Object.entries(metadata).filter(([, value]) => value !== undefined));
  return {
    id,
    url: asset.secureUrl,
    mimeType: type.mimeType,
    size: asset.bytes,
    name,
    ...present,
    kind: complete ? type.kind : MessageType.File,
  };
}
