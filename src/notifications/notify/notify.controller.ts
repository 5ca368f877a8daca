import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post } from '@nestjs/common';
import { ApiKeyAuth, CurrentApiKey } from '../../api-keys/api-key-auth.decorator';
import { ApiKeyScope } from '../../api-keys/api-key.schema';
import { ApiKeyCaller } from '../../common/auth/api-key-caller';
import { NotifyRateLimit } from '../../common/rate-limit/notify-rate-limit.decorator';
import { IdParamDto } from '../../common/validation/id-param.dto';
import { NotifyAcceptedResponse, NotifyDto, NotifyProgressResponse } from './notify.dto';
import { NotifyService } from './notify.service';

/** Other back-end services notify users here, with an API key instead of a user's token. */
@Controller('notify')
@ApiKeyAuth(ApiKeyScope.NotifySend)
export class NotifyController {
  constructor(private readonly notify: NotifyService) {}

  @Post()
  @HttpCode(HttpStatus.ACCEPTED)
  @NotifyRateLimit()
  send(@CurrentApiKey() apiKey: ApiKeyCaller, @Body() body: NotifyDto): Promise<NotifyAcceptedResponse> {
    return this.notify.send(apiKey, body);
  }

  @Get(':id')
  progress(
    @CurrentApiKey() apiKey: ApiKeyCaller,
    @Param() params: IdParamDto,
  ): Promise<NotifyProgressResponse> {
    return this.notify.progress(apiKey, params.id);
  }
}
