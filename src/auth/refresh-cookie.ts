import type { CookieOptions, Response } from 'express';
import { AppConfig } from '../config/app-config';

export const REFRESH_COOKIE = 'parley_refresh';

/** The refresh cookie never leaves the auth routes and is invisible to scripts. */
export function refreshCookieOptions(config: AppConfig): CookieOptions {
  return {
    httpOnly: true,
    secure: config.isProduction,
    sameSite: 'strict',
    path: '/api/v1/auth',
    maxAge: config.auth.refreshTokenTtlSeconds * 1000,
  };
}

export function setRefreshCookie(response: Response, config: AppConfig, token: string): void {
  response.cookie(REFRESH_COOKIE, token, refreshCookieOptions(config));
}

export function clearRefreshCookie(response: Response, config: AppConfig): void {
  const { maxAge: _unused, ...options } = refreshCookieOptions(config);
  response.clearCookie(REFRESH_COOKIE, options);
}
