import {
  Controller,
  Delete,
  HttpCode,
  HttpStatus,
  Param,
  Post,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { AuthUser } from '../common/auth/auth-user';
import { CurrentUser } from '../common/auth/auth.decorators';
import { UploadRateLimit } from '../common/rate-limit/upload-rate-limit.decorator';
import { IdParamDto } from '../common/validation/id-param.dto';
import { FileTooLargeInterceptor } from './file-too-large.interceptor';
import { UploadSlotsInterceptor } from './upload-slots.interceptor';
import { UploadResponse } from './upload.dto';
import { UploadService } from './upload.service';

/** The parts of multer's file (memory storage) this route reads. */
interface ReceivedFile {
  buffer: Buffer;
  originalname: string;
  mimetype: string;
}

/** Limits (size, one file, no other fields) are set on the module's multer options. */
@Controller('uploads')
export class UploadController {
  constructor(private readonly uploads: UploadService) {}

  @Post()
  @UploadRateLimit()
  @UseInterceptors(UploadSlotsInterceptor, FileTooLargeInterceptor, FileInterceptor('file'))
  upload(
    @CurrentUser() caller: AuthUser,
    @UploadedFile() file: ReceivedFile | undefined,
  ): Promise<UploadResponse> {
    return this.uploads.upload(
      caller.userId,
      file && { content: file.buffer, originalName: file.originalname, declaredType: file.mimetype },
    );
  }

  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  async remove(@CurrentUser() caller: AuthUser, @Param() params: IdParamDto): Promise<void> {
    await this.uploads.remove(caller.userId, params.id);
  }
}
