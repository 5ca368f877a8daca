import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { MongooseModule } from '@nestjs/mongoose';
import { AuditModule } from '../audit/audit.module';
import { ApiKey, ApiKeySchema } from './api-key.schema';
import { ApiKeyGuard } from './api-key.guard';
import { ApiKeysController } from './api-keys.controller';
import { ApiKeysRepository } from './api-keys.repository';
import { ApiKeysService } from './api-keys.service';

/**
 * API keys of other back-end services: created and revoked by admins, checked by a global guard on routes
 * marked `@ApiKeyAuth`. Imported before RateLimitModule, so the key is known when requests are counted.
 */
@Module({
  imports: [AuditModule, MongooseModule.forFeature([{ name: ApiKey.name, schema: ApiKeySchema }])],
  controllers: [ApiKeysController],
  providers: [ApiKeysRepository, ApiKeysService, { provide: APP_GUARD, useClass: ApiKeyGuard }],
})
export class ApiKeysModule {}
