import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { MulterModule } from '@nestjs/platform-express';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { CloudinaryClient } from './cloudinary.client';
import { UploadController } from './upload.controller';
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
    MongooseModule.forFeature([{ name: Upload.name, schema: UploadSchema }]),
    // No storage given: multer keeps the file in memory, so it can be sniffed and streamed on without a disk.
    MulterModule.registerAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        limits: { fileSize: config.upload.maxBytes, files: 1, fields: 0 },
        // Browsers send UTF-8 file names without saying so; multer's default would read them as latin1.
        defParamCharset: 'utf8',
      }),
    }),
  ],
  controllers: [UploadController],
  // The slots interceptor is a provider so that the whole module shares its one semaphore.
  providers: [
    CloudinaryClient,
    UploadsRepository,
    UploadReferencesRepository,
    UploadService,
    UploadSlotsInterceptor,
    UploadLifecycle,
    UploadLifecycleProcessor,
  ],
  exports: [UploadService],
})
export class UploadModule {}
