import { Body, Controller, Get, HttpCode, HttpStatus, Post, Query, Redirect } from '@nestjs/common';
import { Public } from '../../common/auth/auth.decorators';
import { EmailDigestService } from './email-digest.service';
import { UnsubscribeBodyDto, UnsubscribeQueryDto } from './email-digest.dto';

/**
 * The digest's one-click unsubscribe (RFC 8058). No sign-in: the signed token names the user. Rate-limited by
 * the general per-address limit: the token is an HMAC, so there is nothing to guess, and mail providers post
 * from a few shared addresses (the stricter credential limit would refuse their users).
 */
@Controller('notifications/email')
export class EmailDigestController {
  constructor(private readonly digests: EmailDigestService) {}

  @Public()
  @Post('unsubscribe')
  @HttpCode(HttpStatus.OK)
  async unsubscribe(
    @Query() query: UnsubscribeQueryDto,
    @Body() _body: UnsubscribeBodyDto,
  ): Promise<{ unsubscribed: true }> {
    await this.digests.unsubscribe(query.token);
    return { unsubscribed: true };
  }

  /**
   * Changes nothing: link scanners and prefetchers GET every URL of an email. A person whose mail client opens
   * the header's URL lands on the web page, which asks before it posts.
   */
  @Public()
  @Get('unsubscribe')
  @Redirect()
  confirmPage(@Query() query: UnsubscribeQueryDto): { url: string; statusCode: number } {
    return { url: this.digests.unsubscribePageUrl(query.token), statusCode: HttpStatus.SEE_OTHER };
  }
}
