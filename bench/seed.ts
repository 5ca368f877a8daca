/**
 * Seeds Parley through its public REST API. Registration hashes a password with argon2 (deliberately slow),
 * so users are created with bounded concurrency once per run and their access tokens reused by every
 * scenario; no shortcut around the API, so the data is exactly what real clients would create.
 */
import { randomUUID } from 'node:crypto';
import { ConversationSpec } from './protocol';

export interface SeededUser {
  userId: string;
  token: string;
  email: string;
}

export const PASSWORD = 'benchmark-password-1';

export async function api<T>(
  base: string,
  method: string,
  path: string,
  token?: string,
  body?: unknown,
): Promise<T> {
  const response = await fetch(`${base}/api/v1${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) {
    throw new Error(`${method} ${path} -> ${response.status}: ${text.slice(0, 300)}`);
  }
  return JSON.parse(text) as T;
}

export async function pool<T, R>(
  items: T[],
  concurrency: number,
  task: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index], index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  return results;
}

export async function registerUsers(base: string, count: number): Promise<SeededUser[]> {
  const run = randomUUID().slice(0, 8);
  return pool(
    Array.from({ length: count }, (_, i) => i),
    8,
    async (i) => {
      const email = `bench-${run}-${i}@example.com`;
      const body = { email, password: PASSWORD, displayName: `Bench ${i}` };
      const result = await api<{ accessToken: string; user: { id: string } }>(
        base,
        'POST',
        '/auth/register',
        undefined,
        body,
      );
      return { userId: result.user.id, token: result.accessToken, email };
    },
  );
}

/**
 * Scenario 1's topology: users in consecutive groups of 10, and each user in one direct conversation with
 * the user half the list away. Messages alternate between the two kinds (mean fan-out 5 recipients).
 */
export async function chatTopology(base: string, users: SeededUser[]): Promise<ConversationSpec[]> {
  const groups: SeededUser[][] = [];
  for (let i = 0; i + 10 <= users.length; i += 10) {
    groups.push(users.slice(i, i + 10));
  }
  const half = Math.floor(users.length / 2);
  const pairs = users.slice(0, half).map((user, i) => [user, users[i + half]]);
  const groupSpecs = await pool(groups, 8, async (members, i) => {
    const [owner, ...rest] = members;
    const body = { title: `bench group ${i}`, memberIds: rest.map((u) => u.userId) };
    const created = await api<{ id: string }>(base, 'POST', '/conversations/group', owner.token, body);
    return { id: created.id, memberIds: members.map((u) => u.userId) };
  });
  const directSpecs = await pool(pairs, 8, async ([a, b]) => {
    const created = await api<{ id: string }>(base, 'POST', '/conversations/direct', a.token, {
      userId: b.userId,
    });
    return { id: created.id, memberIds: [a.userId, b.userId] };
  });
  // Each group is listed beside five directs in turn, so half the messages go to groups of 10.
  return directSpecs.flatMap((direct, j) => [groupSpecs[j % groupSpecs.length], direct]);
}

export async function bigGroup(base: string, users: SeededUser[]): Promise<ConversationSpec> {
  const [owner, ...rest] = users;
  const body = { title: 'bench fan-out', memberIds: rest.map((u) => u.userId) };
  const created = await api<{ id: string }>(base, 'POST', '/conversations/group', owner.token, body);
  return { id: created.id, memberIds: users.map((u) => u.userId) };
}
