import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { AuthUser } from '../common/auth/auth-user';
import { CurrentUser } from '../common/auth/auth.decorators';
import {
  PushSubscriptionResponse,
  RegisterPushSubscriptionDto,
  RemovePushSubscriptionDto,
} from './notifications.dto';
import { PushSubscriptionsService } from './push-subscriptions.service';

/** Web Push registration. Every route answers 503 `PUSH_NOT_CONFIGURED` while VAPID keys are unset. */
@Controller('notifications')
export class NotificationsController {
  constructor(private readonly subscriptions: PushSubscriptionsService) {}

  /** The applicationServerKey a browser needs for `pushManager.subscribe()`. */
  @Get('vapid-public-key')
  vapidPublicKey(): { publicKey: string } {
    return this.subscriptions.vapidPublicKey();
  }

  @Post('push-subscriptions')
  register(
    @CurrentUser() caller: AuthUser,
    @Body() body: RegisterPushSubscriptionDto,
  ): Promise<PushSubscriptionResponse> {
    return this.subscriptions.register(caller, body);
  }

  @Get('push-subscriptions')
  async list(@CurrentUser() caller: AuthUser): Promise<{ subscriptions: PushSubscriptionResponse[] }> {
    return { subscriptions: await this.subscriptions.list(caller) };
  }

  @Delete('push-subscriptions')
  @HttpCode(HttpStatus.NO_CONTENT)
  remove(@CurrentUser() caller: AuthUser, @Body() body: RemovePushSubscriptionDto): Promise<void> {
    return this.subscriptions.remove(caller, body.endpoint);
  }
}
