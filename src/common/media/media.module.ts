import { Module } from '@nestjs/common';
import { MediaUrls } from './media-urls';

@Module({ providers: [MediaUrls], exports: [MediaUrls] })
export class MediaModule {}
