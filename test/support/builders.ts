import { uniqueName, TestApp } from './test-app';

export interface RegisteredUser {
  id: string;
  email: string;
  password: string;
  displayName: string;
  accessToken: string;
  refreshToken: string;
}

/** Registers a fresh user through the real API. */
export async function registerUser(
  t: Pick<TestApp, 'http'>,
  overrides: Partial<{ email: string; password: string; displayName: string }> = {},
): Promise<RegisteredUser> {
  const email = overrides.email ?? `${uniqueName('user')}@example.test`;
  const password = overrides.password ?? 'correct horse battery staple';
  const displayName = overrides.displayName ?? uniqueName('User');
  const res = await t.http().post('/api/v1/auth/register').send({ email, password, displayName });
  if (res.status !== 201) {
    throw new Error(`register failed: ${res.status} ${JSON.stringify(res.body)}`);
  }
  return {
    id: res.body.user.id,
    email,
    password,
    displayName,
    accessToken: res.body.accessToken,
    refreshToken: res.body.refreshToken,
  };
}

export function bearer(user: { accessToken: string }): [string, string] {
  return ['Authorization', `Bearer ${user.accessToken}`];
}
