import { Inject, Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import { MediaDeliveryType, MediaKind } from '../common/media/media-asset';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { ByteMeter } from './byte-meter';
import { CloudinaryClient, StoredAsset } from './cloudinary.client';
import { SniffedType, SNIFF_BYTES, sniffFileType, TextCheck } from './file-type';
import { ImageRefused, processImage } from './image-processing';
import { FilePart } from './multipart-file';
import { Allowance } from './upload-quota';
import { ChunkReader, writeToAll } from './upload-streams';
import { UploadPurpose } from './upload.dto';
import { UploadError, UploadErrorCode } from './upload.errors';
import { analyseVoice, VoiceAnalysis, VoiceFacts } from './voice-analysis';

/** A file stored at Cloudinary, with what was measured on the way. */
export interface StoredUpload {
  asset: StoredAsset;
  deliveryType: MediaDeliveryType;
  mimeType: string;
  kind: MediaKind;
  /** Bytes received from the client (what the quota counts). */
  receivedBytes: number;
  width?: number;
  height?: number;
  durationMs?: number;
  blurhash?: string;
  waveform?: string;
}

/**
 * One file from the request to Cloudinary: recognised by its first bytes, measured against its kind's limit
 * and the owner's quota while it streams, images re-encoded without metadata, voice notes analysed by
 * ffmpeg on the way. Nothing is kept at Cloudinary unless the whole request was read and valid: any failure
 * cuts the upload to Cloudinary mid-body.
 */
@Injectable()
export class UploadPipeline {
  private readonly logger = new Logger(UploadPipeline.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly cloudinary: CloudinaryClient,
  ) {}

  async store(
    file: FilePart,
    purpose: UploadPurpose | undefined,
    allowance: Allowance,
  ): Promise<StoredUpload> {
    const reader = new ChunkReader(file.content);
    try {
      const head = await reader.head(SNIFF_BYTES);
      const type = this.recognise(head, file, purpose);
      const meter = new ByteMeter(
        { kind: type.kind, bytes: this.config.upload.maxBytes[type.kind] },
        allowance,
      );
      return type.kind === 'image'
        ? await this.storeImage(
            reader,
            head,
            file,
            type,
            meter,
            purpose === 'avatar' ? 'upload' : 'authenticated',
          )
        : await this.streamFile(
            reader,
            head,
            file,
            { ...type, kind: purpose === 'voice' ? 'voice' : type.kind },
            meter,
          );
    } finally {
      await reader.stop();
    }
  }

  /** The file's type from its first bytes, if allowed (and audio for a voice note, an image for an avatar). */
  private recognise(head: Buffer, file: FilePart, purpose: UploadPurpose | undefined): SniffedType {
    if (head.length === 0) {
      throw new UploadError(UploadErrorCode.EmptyFile);
    }
    const sniffed = sniffFileType(
      head.subarray(0, SNIFF_BYTES),
      file.declaredType,
      file.name,
      purpose === 'voice' ? 'audio' : undefined,
    );
    if ('refused' in sniffed) {
      throw new UploadError(
        sniffed.refused === 'mismatch' ? UploadErrorCode.TypeMismatch : UploadErrorCode.UnsupportedType,
      );
    }
    if (!this.config.upload.allowedTypes.includes(sniffed.type.mimeType)) {
      throw new UploadError(UploadErrorCode.UnsupportedType);
    }
    if (purpose === 'voice' && sniffed.type.kind !== 'audio') {
      throw new UploadError(
        UploadErrorCode.UnsupportedType,
        'A voice note must be audio (Opus, AAC, MP3 or WAV)',
      );
    }
    if (purpose === 'avatar' && sniffed.type.kind !== 'image') {
      throw new UploadError(UploadErrorCode.UnsupportedType, 'A profile or group photo must be an image');
    }
    return sniffed.type;
  }

  /** Images are read whole (bounded by their limit), re-encoded without metadata, then uploaded. */
  private async storeImage(
    reader: ChunkReader,
    head: Buffer,
    file: FilePart,
    type: SniffedType,
    meter: ByteMeter,
    deliveryType: MediaDeliveryType,
  ): Promise<StoredUpload> {
    const parts: Buffer[] = [];
    for (let chunk: Buffer | undefined = head; chunk; chunk = await reader.next()) {
      meter.add(chunk.length);
      parts.push(chunk);
    }
    await file.rest;
    const image = await processImage(
      Buffer.concat(parts),
      type.mimeType,
      this.config.upload.maxImagePixels,
    ).catch((error: unknown) => {
      throw imageError(error, this.config.upload.maxImagePixels);
    });
    const asset = await this.cloudinary.upload(image.content, randomUUID(), deliveryType);
    const { content: _content, ...measured } = image;
    return { asset, deliveryType, kind: 'image', receivedBytes: meter.bytes, ...measured };
  }

  /**
   * Other kinds stream straight through to Cloudinary (and a voice note to ffmpeg too), chunk by chunk, so
   * memory does not depend on the file's size. The upload is completed only once the request proved whole
   * and valid (and a voice note decodable); otherwise it is cut.
   */
  private async streamFile(
    reader: ChunkReader,
    head: Buffer,
    file: FilePart,
    type: { mimeType: string; kind: MediaKind },
    meter: ByteMeter,
  ): Promise<StoredUpload> {
    const upload = this.cloudinary.startUpload(randomUUID());
    const analysis = type.kind === 'voice' ? analyseVoice() : undefined;
    const text = type.mimeType.startsWith('text/') ? new TextCheck() : undefined;
    // Settles only if Cloudinary fails first: a connection refused, an error answered mid-body.
    const failure = upload.result.then(() => new Promise<never>(() => undefined));
    failure.catch(() => undefined);
    const targets: Writable[] = analysis ? [upload.input, analysis.input] : [upload.input];
    try {
      for (let chunk: Buffer | undefined = head; chunk; chunk = await reader.next()) {
        meter.add(chunk.length);
        if (text && !text.accepts(chunk)) {
          throw new UploadError(UploadErrorCode.UnsupportedType);
        }
        await writeToAll(targets, chunk, failure);
      }
      await file.rest;
      const facts = analysis && (await this.voiceFacts(analysis));
      upload.input.end();
      const asset = await upload.result;
      return {
        asset,
        deliveryType: 'authenticated',
        mimeType: type.mimeType,
        kind: type.kind,
        receivedBytes: meter.bytes,
        ...mediaFacts(asset),
        ...facts,
      };
    } catch (error) {
      upload.abort();
      analysis?.abort();
      throw error;
    }
  }

  /** Waits for ffmpeg to decode the whole note; a note it cannot decode is refused. */
  private async voiceFacts(analysis: VoiceAnalysis): Promise<VoiceFacts> {
    analysis.input.end();
    const facts = await analysis.result.catch((error: unknown) => {
      this.logger.error({ err: error }, 'ffmpeg could not be started; voice notes cannot be analysed');
      throw new UploadError(UploadErrorCode.Unavailable, 'Voice notes cannot be processed right now');
    });
    if (!facts) {
      throw new UploadError(UploadErrorCode.Rejected, 'The voice note could not be decoded as audio');
    }
    return facts;
  }
}

/** Dimensions and duration as Cloudinary measured them, when they make sense. */
function mediaFacts(asset: StoredAsset): Pick<StoredUpload, 'width' | 'height' | 'durationMs'> {
  const positive = (value: number | undefined) =>
    value !== undefined && value > 0 ? Math.round(value) : undefined;
  return {
    width: positive(asset.width),
    height: positive(asset.height),
    durationMs: positive(asset.duration === undefined ? undefined : asset.duration * 1000),
  };
}

function imageError(error: unknown, maxPixels: number): Error {
  if (!(error instanceof ImageRefused)) {
    return error as Error;
  }
  return error.reason === 'too-many-pixels'
    ? new UploadError(UploadErrorCode.TooManyPixels, `The image has more than ${maxPixels} pixels`, {
        maxPixels,
      })
    : new UploadError(UploadErrorCode.Rejected, 'The image could not be decoded');
}
