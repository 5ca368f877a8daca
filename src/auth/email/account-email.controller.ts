import { Body, Controller, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { AuthUser } from '../../common/auth/auth-user';
import { CurrentUser, Public } from '../../common/auth/auth.decorators';
import { AuthRateLimit } from '../../common/rate-limit/auth-rate-limit.decorator';
import { ChangePasswordDto, ForgotPasswordDto, ResetPasswordDto, VerifyEmailDto } from './account-email.dto';
import { AccountEmailService } from './account-email.service';

@Controller('auth')
export class AccountEmailController {
  constructor(private readonly accountEmail: AccountEmailService) {}

  /** `{}` emails a link to the caller; `{ token }` (from the link) confirms the address it was sent to. */
  @AuthRateLimit()
  @Post('verify-email')
  @HttpCode(HttpStatus.NO_CONTENT)
  verifyEmail(@Body() body: VerifyEmailDto, @CurrentUser() caller: AuthUser): Promise<void> {
    return body.token
      ? this.accountEmail.confirmVerification(body.token)
      : this.accountEmail.requestVerification(caller.userId);
  }

  @Public()
  @AuthRateLimit()
  @Post('forgot-password')
  @HttpCode(HttpStatus.ACCEPTED)
  async forgotPassword(@Body() body: ForgotPasswordDto): Promise<{ accepted: true }> {
    await this.accountEmail.forgotPassword(body.email);
    return { accepted: true };
  }

  @Public()
  @AuthRateLimit()
  @Post('reset-password')
  @HttpCode(HttpStatus.NO_CONTENT)
  resetPassword(@Body() body: ResetPasswordDto): Promise<void> {
    return this.accountEmail.resetPassword(body.token, body.password);
  }

  @AuthRateLimit()
  @Post('change-password')
  @HttpCode(HttpStatus.NO_CONTENT)
  changePassword(@CurrentUser() caller: AuthUser, @Body() body: ChangePasswordDto): Promise<void> {
    return this.accountEmail.changePassword(caller.userId, body.currentPassword, body.newPassword);
  }
}
