import { Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { CloudinaryClient, StoredAsset } from './cloudinary.client';
import { sanitizeFileName } from './file-name';
import { sniffFileType } from './file-type';
import { toUploadResponse, UploadResponse } from './upload.dto';
import { UploadError, UploadErrorCode } from './upload.errors';
import { UploadRecord, UploadsRepository } from './uploads.repository';

/** A received file, as the transport hands it over. */
export interface IncomingFile {
  content: Buffer;
  originalName: string;
  /** The client's Content-Type; never trusted on its own (see sniffFileType). */
  declaredType: string;
}

@Injectable()
export class UploadService {
  private readonly logger = new Logger(UploadService.name);

  constructor(
    private readonly cloudinary: CloudinaryClient,
    private readonly uploads: UploadsRepository,
  ) {}

  /** Checks the file's type by its bytes, stores it at Cloudinary, then records it for its owner. */
  async upload(ownerId: string, file: IncomingFile | undefined): Promise<UploadResponse> {
    this.requireConfigured();
    if (!file || file.content.length === 0) {
      throw new UploadError(UploadErrorCode.FileMissing);
    }
    const type = sniffFileType(file.content, file.declaredType);
    if (!type) {
      throw new UploadError(UploadErrorCode.UnsupportedType);
    }
    // Server-chosen: a client can neither overwrite another upload nor pick where its file lands.
    const asset = await this.cloudinary.upload(file.content, randomUUID());
    const record = await this.record(ownerId, asset);
    return toUploadResponse(record._id.toHexString(), asset, type, sanitizeFileName(file.originalName));
  }

  /** Deletes at Cloudinary first, so a failure there leaves the record for a retry. Owner only. */
  async remove(ownerId: string, uploadId: string): Promise<void> {
    this.requireConfigured();
    const upload = await this.uploads.findOwned(uploadId, ownerId);
    if (!upload) {
      throw new UploadError(UploadErrorCode.NotFound);
    }
    await this.cloudinary.destroy(upload.publicId, upload.resourceType);
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
        await this.cloudinary.destroy(upload.publicId, upload.resourceType);
      } else {
        this.logger.error({ publicId: upload.publicId }, 'Deleted account upload left at Cloudinary');
      }
      await this.uploads.remove(upload._id.toHexString());
    }
  }

  private requireConfigured(): void {
    if (!this.cloudinary.configured) {
      throw new UploadError(UploadErrorCode.NotConfigured);
    }
  }

  /** An asset nobody can delete would be orphaned: when the record cannot be written, it is deleted too. */
  private async record(ownerId: string, asset: StoredAsset): Promise<UploadRecord> {
    try {
      return await this.uploads.create({
        owner: ownerId,
        publicId: asset.publicId,
        resourceType: asset.resourceType,
        url: asset.secureUrl,
        bytes: asset.bytes,
      });
    } catch (error) {
      await this.cloudinary.destroy(asset.publicId, asset.resourceType).catch((cleanup: unknown) => {
        this.logger.error({ err: cleanup, publicId: asset.publicId }, 'Orphaned Cloudinary asset');
      });
      throw error;
    }
  }
}
