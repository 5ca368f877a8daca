import { Controller, Delete, Get, HttpCode, HttpStatus, Param, Put } from '@nestjs/common';
import { AuthUser } from '../../common/auth/auth-user';
import { CurrentUser } from '../../common/auth/auth.decorators';
import { UserIdParamDto } from './blocks.dto';
import { BlockEntry, BlocksService } from './blocks.service';

@Controller('users/me/blocks')
export class BlocksController {
  constructor(private readonly blocks: BlocksService) {}

  @Get()
  async list(@CurrentUser() caller: AuthUser): Promise<{ blocks: BlockEntry[] }> {
    return { blocks: await this.blocks.list(caller.userId) };
  }

  /** Idempotent: blocking again changes nothing. */
  @Put(':userId')
  @HttpCode(HttpStatus.NO_CONTENT)
  async block(@CurrentUser() caller: AuthUser, @Param() params: UserIdParamDto): Promise<void> {
    await this.blocks.block(caller.userId, params.userId);
  }

  @Delete(':userId')
  @HttpCode(HttpStatus.NO_CONTENT)
  async unblock(@CurrentUser() caller: AuthUser, @Param() params: UserIdParamDto): Promise<void> {
    await this.blocks.unblock(caller.userId, params.userId);
  }
}
