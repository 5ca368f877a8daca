import { v2 as cloudinary, UploadApiResponse } from 'cloudinary';
import { ObjectId } from 'mongodb';
import { randomUUID } from 'node:crypto';
import { Agent } from 'node:http';
import type { RegisteredUser } from './builders';
import type { CloudinaryStandIn } from './cloudinary-stand-in';
import { connectTestMongo, TestApp } from './test-app';

/** What the upload pipeline records of a file besides Cloudinary's answer. */
export interface UploadMetadata {
  kind: 'image' | 'video' | 'audio' | 'voice' | 'file';
  mimeType: string;
  name: string;
  width?: number;
  height?: number;
  durationMs?: number;
  blurhash?: string;
  waveform?: string;
}

/**
 * An upload as the upload pipeline leaves it (docs/media.md, "The upload record"): the file stored at the
 * Cloudinary stand-in as an `authenticated` asset through the real SDK, and its record in the app's
 * database, unattached. The delivery tests start from here so that they do not depend on how the pipeline
 * receives and inspects files (test/upload covers that). Answers the upload id.
 */
export async function storeUpload(
  app: TestApp,
  standIn: CloudinaryStandIn,
  owner: RegisteredUser,
  file: Buffer,
  metadata: UploadMetadata,
): Promise<string> {
  const stored = await new Promise<UploadApiResponse>((resolve, reject) => {
    const [, apiKey, apiSecret, cloudName] = /^cloudinary:\/\/([^:]+):([^@]+)@(.+)$/.exec(
      standIn.env().CLOUDINARY_URL,
    )!;
    cloudinary.uploader
      .upload_stream(
        {
          cloud_name: cloudName,
          api_key: apiKey,
          api_secret: apiSecret,
          upload_prefix: standIn.url,
          // The SDK picked https when it loaded; the stand-in speaks plain HTTP on loopback.
          agent: new Agent(),
          resource_type: 'auto',
          type: 'authenticated',
          folder: 'parley',
          public_id: randomUUID(),
        },
        (error, result) => (result && !error ? resolve(result) : reject(new Error(JSON.stringify(error)))),
      )
      .end(file);
  });
  return recordUpload(app, owner, stored, metadata);
}

/**
 * Only the record of an upload (its asset is taken to be at Cloudinary): for tests about messages that never
 * fetch the media. Answers the upload id.
 */
export async function recordUpload(
  app: TestApp,
  owner: RegisteredUser,
  asset: Pick<UploadApiResponse, 'public_id' | 'resource_type' | 'format' | 'bytes'>,
  metadata: UploadMetadata,
): Promise<string> {
  const id = new ObjectId();
  const mongo = await connectTestMongo();
  try {
    await mongo
      .db(app.databaseName)
      .collection('uploads')
      .insertOne({
        _id: id,
        owner: new ObjectId(owner.id),
        publicId: asset.public_id,
        resourceType: asset.resource_type,
        deliveryType: 'authenticated',
        format: asset.resource_type === 'raw' ? null : asset.format,
        bytes: asset.bytes,
        ...metadata,
        attachedTo: null,
        createdAt: new Date(),
      });
  } finally {
    await mongo.close();
  }
  return id.toHexString();
}
