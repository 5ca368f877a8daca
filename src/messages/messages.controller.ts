import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  Patch,
  Post,
  Put,
  Query,
} from '@nestjs/common';
import { AuthUser } from '../common/auth/auth-user';
import { CurrentUser } from '../common/auth/auth.decorators';
import { IdParamDto } from '../common/validation/id-param.dto';
import { MessageResponse } from './message.response';
import {
  EditMessageBodyDto,
  HistoryQueryDto,
  MarkReadBodyDto,
  MessageParamsDto,
  ReactionParamsDto,
  SendMessageBodyDto,
} from './messages.dto';
import { MessagesService } from './messages.service';
import { ReceiptsService, ReceiptStatus } from './receipts.service';

@Controller('conversations/:id')
export class MessagesController {
  constructor(
    private readonly messages: MessagesService,
    private readonly receipts: ReceiptsService,
  ) {}

  @Post('messages')
  send(
    @CurrentUser() caller: AuthUser,
    @Param() params: IdParamDto,
    @Body() body: SendMessageBodyDto,
  ): Promise<MessageResponse> {
    return this.messages.send(caller.userId, params.id, body);
  }

  @Get('messages')
  history(@CurrentUser() caller: AuthUser, @Param() params: IdParamDto, @Query() query: HistoryQueryDto) {
    return this.messages.history(caller.userId, params.id, query);
  }

  @Get('messages/:messageId')
  get(@CurrentUser() caller: AuthUser, @Param() params: MessageParamsDto): Promise<MessageResponse> {
    return this.messages.get(caller.userId, params.id, params.messageId);
  }

  @Patch('messages/:messageId')
  edit(
    @CurrentUser() caller: AuthUser,
    @Param() params: MessageParamsDto,
    @Body() body: EditMessageBodyDto,
  ): Promise<MessageResponse> {
    return this.messages.edit(caller.userId, params.id, params.messageId, body.content);
  }

  @Delete('messages/:messageId')
  delete(@CurrentUser() caller: AuthUser, @Param() params: MessageParamsDto): Promise<MessageResponse> {
    return this.messages.delete(caller.userId, params.id, params.messageId);
  }

  @Put('messages/:messageId/reactions/:emoji')
  addReaction(@CurrentUser() caller: AuthUser, @Param() params: ReactionParamsDto): Promise<MessageResponse> {
    return this.messages.react(caller.userId, params.id, params.messageId, params.emoji, true);
  }

  @Delete('messages/:messageId/reactions/:emoji')
  removeReaction(
    @CurrentUser() caller: AuthUser,
    @Param() params: ReactionParamsDto,
  ): Promise<MessageResponse> {
    return this.messages.react(caller.userId, params.id, params.messageId, params.emoji, false);
  }

  @Get('messages/:messageId/receipts')
  async receiptsOf(
    @CurrentUser() caller: AuthUser,
    @Param() params: MessageParamsDto,
  ): Promise<{ receipts: ReceiptStatus[] }> {
    return { receipts: await this.receipts.receipts(caller.userId, params.id, params.messageId) };
  }

  @Post('read')
  @HttpCode(HttpStatus.OK)
  markRead(@CurrentUser() caller: AuthUser, @Param() params: IdParamDto, @Body() body: MarkReadBodyDto) {
    return this.receipts.markRead(caller.userId, params.id, body);
  }
}
