import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/api-error';
import { PermissionNotGranted } from './push-client';
import { BLOCKED_TEXT, NOT_CONFIGURED_TEXT, pushErrorMessage } from './push-errors';

describe('pushErrorMessage', () => {
  it('says when the server has no push keys', () => {
    const error = new ApiError(503, { code: 'PUSH_NOT_CONFIGURED', message: 'Web Push is not configured' });
    expect(pushErrorMessage(error)).toBe(NOT_CONFIGURED_TEXT);
  });

  it('explains how to unblock a denied permission, and asks again after a dismissed prompt', () => {
    expect(pushErrorMessage(new PermissionNotGranted('denied'))).toBe(BLOCKED_TEXT);
    expect(pushErrorMessage(new PermissionNotGranted('default'))).toMatch(/Choose “Allow”/);
  });

  it('names the push service failure the browser reported', () => {
    const error = new DOMException('Registration failed - push service error', 'AbortError');
    expect(pushErrorMessage(error)).toMatch(
      /could not set up push notifications \(Registration failed - push service error\)/,
    );
  });

  it('falls back to the API error text', () => {
    expect(pushErrorMessage(new ApiError(0, undefined))).toBe(
      'Cannot reach the server. Check your connection.',
    );
  });
});
