import type { Response } from 'supertest';
import { bearer, RegisteredUser } from './builders';
import { TestApp } from './test-app';

/** `GET /search/messages` as `user`, with the query parameters given (encoded). */
export function searchMessages(
  t: TestApp,
  user: RegisteredUser,
  params: Record<string, string | number | boolean>,
): Promise<Response> {
  return t
    .http()
    .get('/api/v1/search/messages')
    .query(Object.fromEntries(Object.entries(params).map(([key, value]) => [key, String(value)])))
    .set(...bearer(user));
}

/** The ids of the messages a search finds, in order; fails unless it answers 200. */
export async function foundIds(
  t: TestApp,
  user: RegisteredUser,
  params: Record<string, string | number | boolean>,
): Promise<string[]> {
  const res = await searchMessages(t, user, params);
  if (res.status !== 200) {
    throw new Error(`search failed: ${res.status} ${JSON.stringify(res.body)}`);
  }
  return (res.body.items as Array<{ message: { id: string } }>).map((hit) => hit.message.id);
}
