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
  Query,
} from '@nestjs/common';
import { AuthUser } from '../common/auth/auth-user';
import { CurrentUser } from '../common/auth/auth.decorators';
import { IdParamDto } from '../common/validation/id-param.dto';
import {
  AddMembersDto,
  ChangeRoleDto,
  ConversationResponse,
  CreateDirectDto,
  CreateGroupDto,
  ListConversationsDto,
  MemberParamsDto,
  MemberSummary,
  UpdateConversationDto,
  UpdateMyMembershipDto,
} from './conversations.dto';
import { ConversationMembersService } from './conversation-members.service';
import { ConversationsService } from './conversations.service';

@Controller('conversations')
export class ConversationsController {
  constructor(
    private readonly conversations: ConversationsService,
    private readonly members: ConversationMembersService,
  ) {}

  /** Get-or-create: 200 either way, the same conversation for both users. */
  @Post('direct')
  @HttpCode(HttpStatus.OK)
  openDirect(@CurrentUser() caller: AuthUser, @Body() body: CreateDirectDto): Promise<ConversationResponse> {
    return this.conversations.openDirect(caller.userId, body.userId);
  }

  @Post('group')
  createGroup(@CurrentUser() caller: AuthUser, @Body() body: CreateGroupDto): Promise<ConversationResponse> {
    return this.conversations.createGroup(caller.userId, body);
  }

  @Get()
  list(@CurrentUser() caller: AuthUser, @Query() query: ListConversationsDto) {
    return this.conversations.list(caller.userId, query);
  }

  @Get(':id')
  get(@CurrentUser() caller: AuthUser, @Param() params: IdParamDto): Promise<ConversationResponse> {
    return this.conversations.get(params.id, caller.userId);
  }

  @Patch(':id')
  update(
    @CurrentUser() caller: AuthUser,
    @Param() params: IdParamDto,
    @Body() body: UpdateConversationDto,
  ): Promise<ConversationResponse> {
    return this.conversations.update(params.id, caller.userId, body);
  }

  @Patch(':id/me')
  updateMine(
    @CurrentUser() caller: AuthUser,
    @Param() params: IdParamDto,
    @Body() body: UpdateMyMembershipDto,
  ): Promise<ConversationResponse> {
    return this.conversations.setPreferences(params.id, caller.userId, body);
  }

  /** 200 with the conversation: adding users who are already members changes nothing and is not an error. */
  @Post(':id/members')
  @HttpCode(HttpStatus.OK)
  addMembers(
    @CurrentUser() caller: AuthUser,
    @Param() params: IdParamDto,
    @Body() body: AddMembersDto,
  ): Promise<ConversationResponse> {
    return this.members.add(params.id, caller.userId, body.userIds);
  }

  @Delete(':id/members/:userId')
  @HttpCode(HttpStatus.NO_CONTENT)
  removeMember(@CurrentUser() caller: AuthUser, @Param() params: MemberParamsDto): Promise<void> {
    return this.members.remove(params.id, caller.userId, params.userId);
  }

  @Patch(':id/members/:userId')
  changeRole(
    @CurrentUser() caller: AuthUser,
    @Param() params: MemberParamsDto,
    @Body() body: ChangeRoleDto,
  ): Promise<MemberSummary> {
    return this.members.changeRole(params.id, caller.userId, params.userId, body.role);
  }
}
