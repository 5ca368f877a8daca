import { Body, Controller, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { AuthUser } from '../../common/auth/auth-user';
import { CurrentUser, Public } from '../../common/auth/auth.decorators';
import { AuthRateLimit } from '../../common/rate-limit/auth-rate-limit.decorator';
import { ChangePasswordDto, ForgotPasswordDto, ResetPasswordDto, VerifyEmailDto } from './account-email.dto';
import { AccountEmailService } from './account-email.service';

@Controller('auth')
export class AccountEmailController {
  constructor(private readonly accountEmail: AccountEmailService) {}

  /** The token from the emailed link confirms the address; no sign-in needed (the link may open anywhere). */
  @Public()
  @AuthRateLimit()
  @Post('verify-email')
  @HttpCode(HttpStatus.NO_CONTENT)
  verifyEmail(@Body() body: VerifyEmailDto): Promise<void> {
    return this.accountEmail.confirmVerification(body.token);
  }

  /** Emails the signed-in caller a fresh link (one is sent at sign-up already). */
  @AuthRateLimit()
  @Post('verify-email/send')
  @HttpCode(HttpStatus.NO_CONTENT)
  sendVerification(@CurrentUser() caller: AuthUser): Promise<void> {
    return this.accountEmail.requestVerification(caller.userId);
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
