import { ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import {
  ThrottlerGuard,
  ThrottlerModuleOptions,
  ThrottlerStorage,
  getOptionsToken,
  getStorageToken,
} from '@nestjs/throttler';
import { ThrottlerLimitDetail } from '@nestjs/throttler/dist/throttler.guard.interface';
import type { Request, Response } from 'express';
import { ApiKeyCaller } from '../auth/api-key-caller';
import { AuthUser } from '../auth/auth-user';
import { CommonError, CommonErrorCode } from '../errors/common-errors';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { AUTH_RATE_LIMITED } from './auth-rate-limit.decorator';
import { NOTIFY_RATE_LIMITED } from './notify-rate-limit.decorator';
import { UPLOAD_RATE_LIMITED } from './upload-rate-limit.decorator';

type ThrottlerRequest = Parameters<ThrottlerGuard['handleRequest']>[0];

export enum Throttler {
  /** Every route: per API key or per user when authenticated, else per client address. */
  General = 'default',
  /** Credential routes, per client address. */
  Auth = 'auth',
  /** Credential routes, per email named in the body. */
  Account = 'account',
  /** Upload routes, per user. */
  Upload = 'upload',
  /** Service notifications (`POST /notify`), per API key. */
  Notify = 'notify',
}

/** The route decorator each limit other than the general one applies to (routes without it skip it). */
const ROUTE_MARK: Record<Exclude<Throttler, Throttler.General>, string> = {
  [Throttler.Auth]: AUTH_RATE_LIMITED,
  [Throttler.Account]: AUTH_RATE_LIMITED,
  [Throttler.Upload]: UPLOAD_RATE_LIMITED,
  [Throttler.Notify]: NOTIFY_RATE_LIMITED,
};

/** Redis-counted rate limits (shared by every instance) answering 429 with Retry-After and the common body. */
@Injectable()
export class RateLimitGuard extends ThrottlerGuard {
  constructor(
    @Inject(getOptionsToken()) options: ThrottlerModuleOptions,
    @Inject(getStorageToken()) storage: ThrottlerStorage,
    reflector: Reflector,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    super(options, storage, reflector);
  }

  protected override async shouldSkip(context: ExecutionContext): Promise<boolean> {
    return context.getType() !== 'http';
  }

  protected override handleRequest(props: ThrottlerRequest): Promise<boolean> {
    const name = props.throttler.name as Throttler;
    if (
      name !== Throttler.General &&
      !this.reflector.get<boolean>(ROUTE_MARK[name], props.context.getHandler())
    ) {
      return Promise.resolve(true);
    }
    if (name === Throttler.Account) {
      const email = (
        props.context.switchToHttp().getRequest<Request>().body as { email?: unknown } | undefined
      )?.email;
      if (typeof email !== 'string') {
        return Promise.resolve(true);
      }
      return super.handleRequest({ ...props, getTracker: () => `account:${email.trim().toLowerCase()}` });
    }
    return super.handleRequest(props);
  }

  protected override getTracker(
    request: Request & { user?: AuthUser; apiKey?: ApiKeyCaller },
  ): Promise<string> {
    if (request.apiKey) {
      return Promise.resolve(`api-key:${request.apiKey.keyId}`);
    }
    return Promise.resolve(request.user ? `user:${request.user.userId}` : `ip:${request.ip ?? 'unknown'}`);
  }

  protected override generateKey(_context: ExecutionContext, tracker: string, throttlerName: string): string {
    return `${this.config.redis.keyPrefix}:ratelimit:${throttlerName}:${tracker}`;
  }

  protected override throwThrottlingException(
    context: ExecutionContext,
    detail: ThrottlerLimitDetail,
  ): Promise<void> {
    const response = context.switchToHttp().getResponse<Response>();
    response.setHeader('Retry-After', Math.max(1, Math.ceil(detail.timeToBlockExpire)));
    throw new CommonError(
      CommonErrorCode.RateLimited,
      `Too many requests; retry in ${Math.max(1, Math.ceil(detail.timeToBlockExpire))} s`,
    );
  }
}
