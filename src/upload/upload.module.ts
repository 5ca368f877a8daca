import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { MediaModule } from '../common/media/media.module';
import { CloudinaryClient } from './cloudinary.client';
import { UploadController } from './upload.controller';
import { UploadPipeline } from './upload-pipeline';
import { UploadQuota } from './upload-quota';
import { Upload, UploadSchema } from './upload.schema';
import { UploadService } from './upload.service';
import { UploadSlotsInterceptor } from './upload-slots.interceptor';
import { UploadsRepository } from './uploads.repository';
import { UploadAttachmentsModule } from './upload-attachments.module';
import { UploadLifecycleProcessor } from './upload-lifecycle.processor';
import { UploadLifecycle } from './upload-lifecycle.service';
import { UploadReferencesRepository } from './upload-references.repository';

@Module({
  imports: [
    UploadAttachmentsModule,
    MediaModule,
    MongooseModule.forFeature([{ name: Upload.name, schema: UploadSchema }]),
  ],
  controllers: [UploadController],
  // The slots interceptor is a provider so that the whole module shares its one semaphore.
  providers: [
    CloudinaryClient,
    UploadsRepository,
    UploadReferencesRepository,
    UploadPipeline,
    UploadQuota,
    UploadService,
    UploadSlotsInterceptor,
    UploadLifecycle,
    UploadLifecycleProcessor,
  ],
  exports: [UploadService],
})
export class UploadModule {}
