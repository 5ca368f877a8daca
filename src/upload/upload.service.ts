import { Injectable, Logger } from '@nestjs/common';
import { IncomingMessage } from 'node:http';
import { MediaUrls } from '../common/media/media-urls';
import { quotaExceeded } from './byte-meter';
import { CloudinaryClient } from './cloudinary.client';
import { sanitizeFileName } from './file-name';
import { receiveOneFile } from './multipart-file';
import { StoredUpload, UploadPipeline } from './upload-pipeline';
import { UploadQuota } from './upload-quota';
import { toUploadResponse, UploadPurpose, UploadResponse } from './upload.dto';
import { UploadError, UploadErrorCode } from './upload.errors';
import { UploadRecord, UploadsRepository } from './uploads.repository';

@Injectable()
export class UploadService {
  private readonly logger = new Logger(UploadService.name);

  constructor(
    private readonly cloudinary: CloudinaryClient,
    private readonly pipeline: UploadPipeline,
    private readonly quota: UploadQuota,
    private readonly uploads: UploadsRepository,
    private readonly urls: MediaUrls,
  ) {}

  /**
   * Receives the request's one file as it streams, stores it at Cloudinary (docs/media.md#uploads), then
   * records it for its owner and counts it towards their daily quota.
   */
  async upload(ownerId: string, request: IncomingMessage, purpose?: UploadPurpose): Promise<UploadResponse> {
    this.requireConfigured();
    const allowance = await this.quota.allowance(ownerId);
    if (allowance.remaining <= 0) {
      throw quotaExceeded(allowance.resetsAt);
    }
    let name = '';
    const stored = await receiveOneFile(request, (file) => {
      name = file.name;
      return this.pipeline.store(file, purpose, allowance);
    });
    const record = await this.record(ownerId, stored, sanitizeFileName(name));
    await this.quota.consume(ownerId, stored.receivedBytes);
    const urls = this.urls.sign({
      publicId: record.publicId,
      resourceType: record.resourceType,
      deliveryType: stored.deliveryType,
      format: record.format ?? null,
      kind: stored.kind,
    });
    return toUploadResponse(record, urls);
  }

  /** Deletes at Cloudinary first, so a failure there leaves the record for a retry. Owner only. */
  async remove(ownerId: string, uploadId: string): Promise<void> {
    this.requireConfigured();
    const upload = await this.uploads.findOwned(uploadId, ownerId);
    if (!upload) {
      throw new UploadError(UploadErrorCode.NotFound);
    }
    await this.destroy(upload);
    await this.uploads.remove(uploadId);
  }

  /** The owner's upload records (their data export lists them). */
  listOf(ownerId: string): Promise<UploadRecord[]> {
    return this.uploads.listByOwner(ownerId);
  }

  /**
   * Account deletion: each asset is deleted at Cloudinary, then its record; a Cloudinary failure throws, so
   * the deletion job retries and finds the records left. Without Cloudinary configured the assets cannot be
   * reached: the records go and the orphans are logged by public id for an operator.
   */
  async removeAllOf(ownerId: string): Promise<void> {
    for (const upload of await this.uploads.listByOwner(ownerId)) {
      if (this.cloudinary.configured) {
        await this.destroy(upload);
      } else {
        this.logger.error({ publicId: upload.publicId }, 'Deleted account upload left at Cloudinary');
      }
      await this.uploads.remove(upload._id.toHexString());
    }
  }

  private destroy(upload: UploadRecord): Promise<void> {
    return this.cloudinary.destroy(upload.publicId, upload.resourceType, upload.deliveryType ?? 'upload');
  }

  private requireConfigured(): void {
    if (!this.cloudinary.configured) {
      throw new UploadError(UploadErrorCode.NotConfigured);
    }
  }

  /** An asset nobody can delete would be orphaned: when the record cannot be written, it is deleted too. */
  private async record(ownerId: string, stored: StoredUpload, name: string): Promise<UploadRecord> {
    const { asset } = stored;
    try {
      return await this.uploads.create({
        owner: ownerId,
        publicId: asset.publicId,
        resourceType: asset.resourceType,
        deliveryType: stored.deliveryType,
        format: asset.format ?? null,
        kind: stored.kind,
        mimeType: stored.mimeType,
        bytes: asset.bytes,
        name,
        width: stored.width,
        height: stored.height,
        durationMs: stored.durationMs,
        blurhash: stored.blurhash,
        waveform: stored.waveform,
      });
    } catch (error) {
      await this.cloudinary
        .destroy(asset.publicId, asset.resourceType, stored.deliveryType)
        .catch((cleanup: unknown) => {
          this.logger.error({ err: cleanup, publicId: asset.publicId }, 'Orphaned Cloudinary asset');
        });
      throw error;
    }
  }
}
