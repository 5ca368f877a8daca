import { AuthErrorCode, inactiveAccountError } from './auth.errors';

describe('inactiveAccountError', () => {
  it('names a suspension and when it ends', () => {
    const until = new Date('2026-12-24T10:00:00.000Z');
    expect(inactiveAccountError({ status: 'suspended', suspendedUntil: until })).toMatchObject({
      code: AuthErrorCode.AccountSuspended,
      details: { until: '2026-12-24T10:00:00.000Z' },
    });
    expect(inactiveAccountError({ status: 'suspended', suspendedUntil: null }).details).toEqual({
      until: null,
    });
  });

  it('answers ACCOUNT_DISABLED for a disabled account', () => {
    expect(inactiveAccountError({ status: 'disabled' }).code).toBe(AuthErrorCode.AccountDisabled);
  });
});
