import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  Post,
  Query,
  Res,
  StreamableFile,
} from '@nestjs/common';
import type { Response } from 'express';
import { AuthUser } from '../common/auth/auth-user';
import { CurrentUser, Public } from '../common/auth/auth.decorators';
import { ExportState } from './account-export.schema';
import { AccountDeletionService } from './account-deletion.service';
import { AccountExportsService } from './account-exports.service';
import {
  DeleteAccountDto,
  DeletionResponse,
  ExportDownloadQueryDto,
  ExportIdParamDto,
  ExportResponse,
} from './account.dto';

/** The caller's own data: export it (GDPR articles 15 and 20) or delete the account (article 17). */
@Controller('users/me')
export class AccountController {
  constructor(
    private readonly exports: AccountExportsService,
    private readonly deletion: AccountDeletionService,
  ) {}

  /** 202 with a new export, 200 with the one under way or still fresh. */
  @Post('export')
  async requestExport(
    @CurrentUser() caller: AuthUser,
    @Res({ passthrough: true }) res: Response,
  ): Promise<{ export: ExportResponse }> {
    const { export: started, created } = await this.exports.request(caller.userId);
    res.status(created || started.state === ExportState.Pending ? HttpStatus.ACCEPTED : HttpStatus.OK);
    return { export: started };
  }

  @Get('export')
  async latestExport(@CurrentUser() caller: AuthUser): Promise<{ export: ExportResponse }> {
    return { export: await this.exports.latest(caller.userId) };
  }

  /** The emailed link: no bearer, the signature is the credential. */
  @Public()
  @Get('export/:exportId/download')
  async download(
    @Param() params: ExportIdParamDto,
    @Query() query: ExportDownloadQueryDto,
  ): Promise<StreamableFile> {
    const { fileName, archive } = await this.exports.download(
      params.exportId,
      query.expires,
      query.signature,
    );
    return new StreamableFile(archive, {
      type: 'application/gzip',
      disposition: `attachment; filename="${fileName}"`,
      length: archive.length,
    });
  }

  /** Re-authenticated; ends every session at once, then erases the account in the background. */
  @Delete()
  @HttpCode(HttpStatus.ACCEPTED)
  async deleteAccount(
    @CurrentUser() caller: AuthUser,
    @Body() body: DeleteAccountDto,
  ): Promise<{ deletion: DeletionResponse }> {
    return { deletion: await this.deletion.request(caller, body) };
  }
}
