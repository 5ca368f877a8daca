import { MongoClient, ObjectId } from 'mongodb';
import { bearer, registerUser, RegisteredUser } from './builders';
import { TestApp } from './test-app';

/** A fresh user with a global role: registered through the API, promoted in the database, signed in again. */
export async function registerWithRole(
  t: TestApp,
  mongo: MongoClient,
  role: 'admin' | 'moderator',
): Promise<RegisteredUser> {
  const user = await registerUser(t);
  await mongo
    .db(t.databaseName)
    .collection('users')
    .updateOne({ _id: new ObjectId(user.id) }, { $set: { role } });
  const login = await t
    .http()
    .post('/api/v1/auth/login')
    .send({ email: user.email, password: user.password });
  if (login.status !== 200) {
    throw new Error(`${role} login failed: ${login.status}`);
  }
  return { ...user, accessToken: login.body.accessToken, refreshToken: login.body.refreshToken };
}

/** POST /reports as `reporter`; answers the response (status and body) for the test to check. */
export function fileReport(
  t: TestApp,
  reporter: RegisteredUser,
  body: Record<string, unknown>,
): Promise<{ status: number; body: Record<string, unknown> & { id: string } }> {
  return t
    .http()
    .post('/api/v1/reports')
    .set(...bearer(reporter))
    .send({ reason: 'spam', ...body })
    .then((res) => ({ status: res.status, body: res.body }));
}

/** Files a report that must be accepted; answers its id. */
export async function reportOf(
  t: TestApp,
  reporter: RegisteredUser,
  body: Record<string, unknown>,
): Promise<string> {
  const res = await fileReport(t, reporter, body);
  if (res.status !== 201) {
    throw new Error(`report failed: ${res.status} ${JSON.stringify(res.body)}`);
  }
  return res.body.id;
}

/** POST /admin/reports/:id/resolve as `moderator`. */
export function resolveReport(
  t: TestApp,
  moderator: RegisteredUser,
  reportId: string,
  body: Record<string, unknown>,
) {
  return t
    .http()
    .post(`/api/v1/admin/reports/${reportId}/resolve`)
    .set(...bearer(moderator))
    .send({ reason: 'reviewed', ...body });
}
