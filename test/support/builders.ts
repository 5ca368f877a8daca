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

/** Requests to `/api/v1<path>` signed in as `user`. */
export function signedIn(t: Pick<TestApp, 'http'>, user: { accessToken: string }) {
  const api = (path: string) => `/api/v1${path}`;
  return {
    get: (path: string) =>
      t
        .http()
        .get(api(path))
        .set(...bearer(user)),
    post: (path: string, body: object) =>
      t
        .http()
        .post(api(path))
        .set(...bearer(user))
        .send(body),
    put: (path: string) =>
      t
        .http()
        .put(api(path))
        .set(...bearer(user)),
    patch: (path: string, body: object) =>
      t
        .http()
        .patch(api(path))
        .set(...bearer(user))
        .send(body),
    delete: (path: string) =>
      t
        .http()
        .delete(api(path))
        .set(...bearer(user)),
  };
}
