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

@Module({
  imports: [MongooseModule.forFeature([{ name: Upload.name, schema: UploadSchema }]), MediaModule],
  controllers: [UploadController],
  // The slots interceptor is a provider so that the whole module shares its one semaphore.
  providers: [
    CloudinaryClient,
    UploadsRepository,
    UploadPipeline,
    UploadQuota,
    UploadService,
    UploadSlotsInterceptor,
  ],
  exports: [UploadService],
})
export class UploadModule {}
