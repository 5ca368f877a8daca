import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Post, Query } from '@nestjs/common';
import { AuthUser } from '../../common/auth/auth-user';
import { CurrentUser } from '../../common/auth/auth.decorators';
import { IdParamDto } from '../../common/validation/id-param.dto';
import { NotificationResponse } from '../../realtime/server-events';
import { ListNotificationsDto, NotificationPage, ReadAllDto } from './inbox.dto';
import { InboxService } from './inbox.service';

/**
 * The inbox. Registered after NotificationsController (see NotificationsModule), whose fixed paths
 * (`push-subscriptions`, `vapid-public-key`) must win over `:id`.
 */
@Controller('notifications')
export class InboxController {
  constructor(private readonly inbox: InboxService) {}

  @Get()
  list(@CurrentUser() caller: AuthUser, @Query() query: ListNotificationsDto): Promise<NotificationPage> {
    return this.inbox.list(caller.userId, query);
  }

  @Get('unread-count')
  async unreadCount(@CurrentUser() caller: AuthUser): Promise<{ unreadCount: number }> {
    return { unreadCount: await this.inbox.unreadCount(caller.userId) };
  }

  @Post('read-all')
  @HttpCode(HttpStatus.OK)
  readAll(
    @CurrentUser() caller: AuthUser,
    @Body() body: ReadAllDto,
  ): Promise<{ updated: number; unreadCount: number }> {
    return this.inbox.readAll(caller.userId, body.before ? new Date(body.before) : null);
  }

  @Post(':id/read')
  @HttpCode(HttpStatus.OK)
  read(
    @CurrentUser() caller: AuthUser,
    @Param() params: IdParamDto,
  ): Promise<{ notification: NotificationResponse; unreadCount: number }> {
    return this.inbox.read(caller.userId, params.id);
  }

  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  remove(@CurrentUser() caller: AuthUser, @Param() params: IdParamDto): Promise<void> {
    return this.inbox.delete(caller.userId, params.id);
  }
}
