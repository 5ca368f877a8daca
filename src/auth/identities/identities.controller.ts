import { Controller, Delete, HttpCode, HttpStatus, Param } from '@nestjs/common';
import { AuthUser } from '../../common/auth/auth-user';
import { CurrentUser } from '../../common/auth/auth.decorators';
import { IdentitiesService } from '../../users/identities/identities.service';
import { ProviderParamDto } from './identities.dto';

@Controller('auth/identities')
export class IdentitiesController {
  constructor(private readonly identities: IdentitiesService) {}

  @Delete(':provider')
  @HttpCode(HttpStatus.NO_CONTENT)
  unlink(@CurrentUser() caller: AuthUser, @Param() params: ProviderParamDto): Promise<void> {
    return this.identities.unlink(caller.userId, params.provider);
  }
}
