import { Controller, Get, Query } from '@nestjs/common';
import { AuthUser } from '../common/auth/auth-user';
import { CurrentUser } from '../common/auth/auth.decorators';
import { SyncQueryDto } from './messages.dto';
import { SyncResponse, SyncService } from './sync.service';

@Controller('sync')
export class SyncController {
  constructor(private readonly syncService: SyncService) {}

  @Get()
  sync(@CurrentUser() caller: AuthUser, @Query() query: SyncQueryDto): Promise<SyncResponse> {
    return this.syncService.sync(caller.userId, query.since, query.limit);
  }
}
