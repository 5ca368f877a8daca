import { Module } from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { EventEmitterModule } from '@nestjs/event-emitter';
import { ZodValidationPipe } from 'nestjs-zod';
import { AccountModule } from './account/account.module';
import { ApiKeysModule } from './api-keys/api-keys.module';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { CallsModule } from './calls/calls.module';
import { DatabaseModule } from './common/database/database.module';
import { HttpExceptionFilter } from './common/errors/http-exception.filter';
import { LifecycleModule } from './common/lifecycle/lifecycle.module';
import { LoggingModule } from './common/logging/logging.module';
import { RateLimitModule } from './common/rate-limit/rate-limit.module';
import { QueueModule } from './common/queue/queue.module';
import { RedisModule } from './common/redis/redis.module';
import { ConfigModule } from './config/config.module';
import { HealthModule } from './health/health.module';
import { ConversationsModule } from './conversations/conversations.module';
import { MessagesModule } from './messages/messages.module';
import { ModerationModule } from './moderation/moderation.module';
import { NotificationsModule } from './notifications/notifications.module';
import { NotifyModule } from './notifications/notify/notify.module';
import { PresenceModule } from './presence/presence.module';
import { RealtimeModule } from './realtime/realtime.module';
import { SearchModule } from './search/search.module';
import { UploadModule } from './upload/upload.module';
import { UsersModule } from './users/users.module';
import { WebClientModule } from './web-client/web-client.module';

@Module({
  imports: [
    ConfigModule,
    LoggingModule,
    EventEmitterModule.forRoot(),
    LifecycleModule,
    DatabaseModule,
    RedisModule,
    QueueModule,
    HealthModule,
    AuditModule,
    // Before UsersModule: its /users/presence route must be matched before /users/:id.
    PresenceModule,
    UsersModule,
    AuthModule,
    // Before RateLimitModule: their guards run first, so requests are counted per user or per API key.
    ApiKeysModule,
    RateLimitModule,
    ConversationsModule,
    MessagesModule,
    ModerationModule,
    CallsModule,
    SearchModule,
    NotificationsModule,
    NotifyModule,
    RealtimeModule,
    UploadModule,
    AccountModule,
    WebClientModule,
  ],
  providers: [
    { provide: APP_PIPE, useClass: ZodValidationPipe },
    { provide: APP_FILTER, useClass: HttpExceptionFilter },
  ],
})
export class AppModule {}
