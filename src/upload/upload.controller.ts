import {
  Controller,
  Delete,
  HttpCode,
  HttpStatus,
  Param,
  Post,
  Query,
  Req,
  UseInterceptors,
} from '@nestjs/common';
import { Request } from 'express';
import { AuthUser } from '../common/auth/auth-user';
import { CurrentUser } from '../common/auth/auth.decorators';
import { UploadRateLimit } from '../common/rate-limit/upload-rate-limit.decorator';
import { IdParamDto } from '../common/validation/id-param.dto';
import { UploadSlotsInterceptor } from './upload-slots.interceptor';
import { UploadQueryDto, UploadResponse } from './upload.dto';
import { UploadService } from './upload.service';

@Controller('uploads')
export class UploadController {
  constructor(private readonly uploads: UploadService) {}

  /** The body is multipart/form-data with one part, `file`; it is read as it streams (upload.service.ts). */
  @Post()
  @UploadRateLimit()
  @UseInterceptors(UploadSlotsInterceptor)
  upload(
    @CurrentUser() caller: AuthUser,
    @Req() request: Request,
    @Query() query: UploadQueryDto,
  ): Promise<UploadResponse> {
    return this.uploads.upload(caller.userId, request, query.kind);
  }

  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  async remove(@CurrentUser() caller: AuthUser, @Param() params: IdParamDto): Promise<void> {
    await this.uploads.remove(caller.userId, params.id);
  }
}
