import { Controller, Get, Param, Query } from '@nestjs/common';
import { AuthUser } from '../../common/auth/auth-user';
import { CurrentUser } from '../../common/auth/auth.decorators';
import { IdParamDto } from '../../common/validation/id-param.dto';
import { CallPage, ListCallsDto } from './call-history.dto';
import { CallHistoryService } from './call-history.service';

/** Call history lists: the caller's own calls, and a conversation's (members only). */
@Controller()
export class CallHistoryController {
  constructor(private readonly history: CallHistoryService) {}

  @Get('calls')
  listMine(@CurrentUser() caller: AuthUser, @Query() query: ListCallsDto): Promise<CallPage> {
    return this.history.listMine(caller.userId, query);
  }

  @Get('conversations/:id/calls')
  listOfConversation(
    @CurrentUser() caller: AuthUser,
    @Param() params: IdParamDto,
    @Query() query: ListCallsDto,
  ): Promise<CallPage> {
    return this.history.listOfConversation(caller.userId, params.id, query);
  }
}
