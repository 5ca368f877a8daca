import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/api-error';
import { signInErrorMessage } from './auth-messages';

const apiError = (status: number, code: string, details?: unknown) =>
  new ApiError(status, { code, message: 'server text', details });

describe('signInErrorMessage', () => {
  it('says when a suspension lifts', () => {
    const message = signInErrorMessage(
      apiError(403, 'ACCOUNT_SUSPENDED', { until: '2030-01-02T10:00:00Z' }),
      'en',
    );
    expect(message).toMatch(/suspended until .*2030/);
  });

  it('says an open-ended suspension lasts until lifted', () => {
    expect(signInErrorMessage(apiError(403, 'ACCOUNT_SUSPENDED', { until: null }))).toMatch(
      /moderator lifts/,
    );
  });

  it('has its own words for wrong credentials, a disabled account and a taken email', () => {
    expect(signInErrorMessage(apiError(401, 'INVALID_CREDENTIALS'))).toBe('Wrong email or password.');
    expect(signInErrorMessage(apiError(403, 'ACCOUNT_DISABLED'))).toMatch(/disabled/);
    expect(signInErrorMessage(apiError(409, 'EMAIL_TAKEN'))).toMatch(/already exists/);
  });

  it('falls back to the server message, or a connection hint', () => {
    expect(signInErrorMessage(apiError(400, 'SOMETHING'))).toBe('server text');
    expect(signInErrorMessage(new ApiError(0, undefined))).toMatch(/Cannot reach/);
  });
});
