import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/api-error';
import { isStale, moderationErrorText } from './moderation-errors';

describe('moderationErrorText', () => {
  it('words the codes the report and queue routes answer with', () => {
    expect(moderationErrorText(new ApiError(409, { code: 'REPORT_ALREADY_OPEN', message: 'x' }))).toMatch(
      /already reported/,
    );
    expect(moderationErrorText(new ApiError(429, { code: 'RATE_LIMITED', message: 'x' }))).toMatch(
      /Too many/,
    );
    expect(moderationErrorText(new ApiError(409, { code: 'LAST_ADMIN', message: 'x' }))).toMatch(
      /last admin/,
    );
  });

  it("falls back to the server's message, and to a network hint", () => {
    expect(moderationErrorText(new ApiError(400, { code: 'SOMETHING_NEW', message: 'Server words' }))).toBe(
      'Server words',
    );
    expect(moderationErrorText(new ApiError(0, undefined))).toMatch(/connection/);
  });

  it('treats an already resolved report as stale (the list must be refetched)', () => {
    expect(isStale(new ApiError(409, { code: 'REPORT_ALREADY_RESOLVED', message: 'x' }))).toBe(true);
    expect(isStale(new ApiError(400, { code: 'ACTION_NOT_APPLICABLE', message: 'x' }))).toBe(false);
  });
});
