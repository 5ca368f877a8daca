import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Request } from 'express';
import { AuditAction, AuditTargetType } from '../../audit/audit-action';
import { AuditService, AuditTarget } from '../../audit/audit.service';
import { AppError } from '../../common/errors/app-error';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { OAuthProvider } from '../../users/identities/identity.schema';
import { UserStatus } from '../../users/user.schema';
import { UsersService } from '../../users/users.service';
import { AccessTokenService } from '../access-token.service';
import { inactiveAccountError } from '../auth.errors';
import { SessionOrigin, SessionsService } from '../sessions.service';
import { OAuthAccountsService } from './oauth-accounts.service';
import { OAuthFlow, OAuthStateStore } from './oauth-state.store';
import { OAuthStrategies } from './oauth-strategies';
import { CallbackQueryDto, ExchangeResponse, LinkTicketResponse, StartQueryDto } from './oauth.dto';
import { OAuthError, OAuthErrorCode, redirectErrorCode } from './oauth.errors';
import { OneTimeTokens } from './one-time-tokens';
import { allowedReturnTo, withParam } from './return-to';

const EXCHANGE_CODE_TTL_SECONDS = 60;
const LINK_TICKET_TTL_SECONDS = 60;

@Injectable()
export class OAuthService {
  private readonly logger = new Logger(OAuthService.name);

  constructor(
    private readonly strategies: OAuthStrategies,
    private readonly states: OAuthStateStore,
    private readonly accounts: OAuthAccountsService,
    private readonly tokens: OneTimeTokens,
    private readonly users: UsersService,
    private readonly sessions: SessionsService,
    private readonly accessTokens: AccessTokenService,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** What a sign-in page offers: only the providers with a client id. */
  providers(): OAuthProvider[] {
    return this.strategies.enabled();
  }

  /** The provider's authorization URL; the strategy also sets the browser-binding state cookie. */
  async start(provider: OAuthProvider, query: StartQueryDto, req: Request): Promise<string> {
    this.strategies.requireEnabled(provider);
    const returnTo = this.returnTo(query.returnTo);
    const flow: OAuthFlow = { provider, returnTo };
    if (query.link !== undefined) {
      const ticket = await this.tokens.consume('link', query.link);
      if (!ticket?.startsWith(`${provider}:`)) {
        throw new OAuthError(OAuthErrorCode.LinkTicketInvalid);
      }
      flow.linkUserId = ticket.slice(provider.length + 1);
    }
    const outcome = await this.strategies.run(provider, req, { state: flow });
    if (outcome.kind !== 'redirect') {
      throw new OAuthError(OAuthErrorCode.ProviderError);
    }
    return outcome.url;
  }

  /**
   * Where to send the browser after the provider came back: the client with a one-time `code` (login),
   * `linked=<provider>` (explicit link) or `error=<code>`. Throws only when no valid returnTo is known.
   */
  async callback(provider: OAuthProvider, query: CallbackQueryDto, req: Request): Promise<string> {
    this.strategies.requireEnabled(provider);
    if (query.error !== undefined) {
      const consumed = await this.states.consume(req, provider, query.state);
      const code =
        query.error === 'access_denied' ? OAuthErrorCode.AccessDenied : OAuthErrorCode.ProviderError;
      return this.failure(provider, consumed.flow, new OAuthError(code));
    }
    const outcome = await this.strategies.run(provider, req);
    if (outcome.kind === 'fail') {
      return this.failure(provider, outcome.flow, new OAuthError(OAuthErrorCode.StateMismatch));
    }
    if (outcome.kind !== 'success') {
      this.logger.warn(
        { provider, error: outcome.kind === 'error' ? String(outcome.error) : outcome.kind },
        'OAuth provider failed after the state check',
      );
      return this.failure(
        provider,
        this.states.verifiedFlow(req),
        new OAuthError(OAuthErrorCode.ProviderError),
      );
    }
    const { flow, profile } = outcome;
    try {
      if (flow.linkUserId) {
        await this.accounts.linkTo(flow.linkUserId, profile);
        return withParam(flow.returnTo, 'linked', provider);
      }
      const userId = await this.accounts.resolveLogin(profile);
      // The provider rides along for the sign-in's audit record.
      const code = await this.tokens.issue('exchange', `${provider}:${userId}`, EXCHANGE_CODE_TTL_SECONDS);
      return withParam(flow.returnTo, 'code', code);
    } catch (error) {
      return this.failure(provider, flow, error);
    }
  }

  /** Trades a one-time login code for a session (the code is useless after the first call or 60 s). */
  async exchange(code: string, origin: SessionOrigin): Promise<ExchangeResponse> {
    const [provider, userId] = (await this.tokens.consume('exchange', code))?.split(':') ?? [];
    const user = userId ? await this.users.findById(userId) : null;
    if (!user) {
      this.signInFailed('oauth', OAuthErrorCode.CodeInvalid);
      throw new OAuthError(OAuthErrorCode.CodeInvalid);
    }
    const target = { type: AuditTargetType.User, id: user._id.toHexString() };
    if (user.status !== UserStatus.Active) {
      const error = inactiveAccountError(user);
      this.signInFailed(provider, error.code, target);
      throw error;
    }
    const [{ session, refreshToken }, account] = await Promise.all([
      this.sessions.open(user._id.toHexString(), origin),
      this.users.accountOf(user),
    ]);
    const sessionId = session._id.toHexString();
    const accessToken = await this.accessTokens.sign({ userId: target.id, role: user.role, sessionId });
    this.audit.record({
      action: AuditAction.SignIn,
      actor: { id: target.id, role: user.role },
      target,
      details: { method: provider, sessionId },
    });
    return { user: account, accessToken, expiresIn: this.accessTokens.ttlSeconds, refreshToken };
  }

  /** A browser navigation cannot carry the Bearer token, so a one-time ticket in the URL stands in for it. */
  async linkTicket(userId: string, provider: OAuthProvider, returnTo?: string): Promise<LinkTicketResponse> {
    this.strategies.requireEnabled(provider);
    const ticket = await this.tokens.issue('link', `${provider}:${userId}`, LINK_TICKET_TTL_SECONDS);
    const url = new URL(`${this.config.oauth.publicApiUrl}/api/v1/auth/${provider}`);
    url.searchParams.set('link', ticket);
    if (returnTo !== undefined) {
      url.searchParams.set('returnTo', this.returnTo(returnTo));
    }
    return { url: url.toString() };
  }

  private returnTo(requested: string | undefined): string {
    const candidate = requested ?? this.config.oauth.allowedRedirects[0];
    const url = candidate ? allowedReturnTo(candidate, this.config.oauth.allowedRedirects) : undefined;
    if (!url) {
      throw new OAuthError(OAuthErrorCode.ReturnToNotAllowed);
    }
    return url.toString();
  }

  /** A login that did not complete is a failed sign-in (a link that did not is not). */
  private failure(provider: OAuthProvider, flow: OAuthFlow | undefined, error: unknown): string {
    if (!(error instanceof AppError)) {
      throw error;
    }
    if (!flow?.linkUserId) {
      this.signInFailed(provider, error.code);
    }
    if (!flow) {
      throw error;
    }
    return withParam(flow.returnTo, 'error', redirectErrorCode(error.code));
  }

  /** `method`: the provider, or `oauth` for a login code that names none (unknown or used). */
  private signInFailed(method: string, reason: string, target?: AuditTarget): void {
    this.audit.record({
      action: AuditAction.SignInFailed,
      actor: null,
      target,
      details: { method, reason },
    });
  }
}
