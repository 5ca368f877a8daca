import { Controller, Get, Query } from '@nestjs/common';
import { AuthUser } from '../common/auth/auth-user';
import { CurrentUser } from '../common/auth/auth.decorators';
import { SearchMessagesDto, SearchMessagesResponse } from './search.dto';
import { SearchService } from './search.service';

@Controller('search')
export class SearchController {
  constructor(private readonly search: SearchService) {}

  /** Newest first; `nextCursor` continues where the page stopped (it may stop early: see MAX_CANDIDATES). */
  @Get('messages')
  messages(
    @CurrentUser() caller: AuthUser,
    @Query() query: SearchMessagesDto,
  ): Promise<SearchMessagesResponse> {
    return this.search.searchMessages(caller.userId, query);
  }
}
