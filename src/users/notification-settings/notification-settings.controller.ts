import { Body, Controller, Get, Patch } from '@nestjs/common';
import { AuthUser } from '../../common/auth/auth-user';
import { CurrentUser } from '../../common/auth/auth.decorators';
import { NotificationSettings } from './notification-settings';
import { UpdateNotificationSettingsDto } from './notification-settings.dto';
import { NotificationSettingsService } from './notification-settings.service';

@Controller('users/me/notification-settings')
export class NotificationSettingsController {
  constructor(private readonly settings: NotificationSettingsService) {}

  @Get()
  get(@CurrentUser() caller: AuthUser): Promise<NotificationSettings> {
    return this.settings.get(caller.userId);
  }

  /** Partial: only the fields sent change; `quietHours` is replaced whole (null turns it off). */
  @Patch()
  update(
    @CurrentUser() caller: AuthUser,
    @Body() body: UpdateNotificationSettingsDto,
  ): Promise<NotificationSettings> {
    return this.settings.update(caller.userId, body);
  }
}
