import { unsubscribeKey, unsubscribeToken, unsubscribeTokenUser } from './unsubscribe-token';

describe('email digest unsubscribe tokens', () => {
  const key = unsubscribeKey('a-secret-that-is-long-enough-for-tests');
  const userId = '65f0c0ffee0000000000beef';

  it('names the user it was signed for, and is URL-safe as it is', () => {
    const token = unsubscribeToken(key, userId);
    expect(token).toMatch(/^[\w-]+$/);
    expect(unsubscribeTokenUser(key, token)).toBe(userId);
  });

  it('is the same token each time for a user (one per user)', () => {
    expect(unsubscribeToken(key, userId)).toBe(unsubscribeToken(key, userId));
  });

  it('refuses a signature moved to another user, or made with another key', () => {
    const token = unsubscribeToken(key, userId);
    expect(unsubscribeTokenUser(key, `65f0c0ffee0000000000beee${token.slice(24)}`)).toBeNull();
    expect(unsubscribeTokenUser(unsubscribeKey('another-secret-that-is-long-enough'), token)).toBeNull();
  });

  it.each([
    ['empty', ''],
    ['only an id', userId],
    ['an upper-case id', unsubscribeToken(key, userId).replace(/^65f0c0ffee/, '65F0C0FFEE')],
    ['a truncated signature', unsubscribeToken(key, userId).slice(0, -1)],
    ['an extra character', `${unsubscribeToken(key, userId)}A`],
    ['a tampered signature', `${unsubscribeToken(key, userId).slice(0, -2)}AA`],
    ['a long string', 'x'.repeat(5000)],
    ['non-ASCII', `${userId}${'é'.repeat(43)}`],
  ])('refuses %s without throwing', (_what, token) => {
    expect(unsubscribeTokenUser(key, token)).toBeNull();
  });
});
