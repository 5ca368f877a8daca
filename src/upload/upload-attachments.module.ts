import { Global, Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { ATTACHMENT_STORE } from '../messages/attachment-store';
import { UploadAttachments } from './upload-attachments';
import { UploadReferencesRepository } from './upload-references.repository';
import { Upload, UploadSchema } from './upload.schema';

/**
 * Provides messages' ATTACHMENT_STORE port. Global because messages sits below upload and cannot import
 * this module; the token is the only thing it exports.
 */
@Global()
@Module({
  imports: [MongooseModule.forFeature([{ name: Upload.name, schema: UploadSchema }])],
  providers: [
    UploadReferencesRepository,
    UploadAttachments,
    { provide: ATTACHMENT_STORE, useExisting: UploadAttachments },
  ],
  exports: [ATTACHMENT_STORE],
})
export class UploadAttachmentsModule {}
