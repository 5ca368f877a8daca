import { bearer, RegisteredUser } from './builders';
import { TestApp } from './test-app';

/** Opens (or gets) the direct conversation of two users through the API; returns its id. */
export async function directConversation(t: TestApp, a: RegisteredUser, b: RegisteredUser): Promise<string> {
  const res = await t
    .http()
    .post('/api/v1/conversations/direct')
    .set(...bearer(a))
    .send({ userId: b.id });
  if (res.status !== 200) {
    throw new Error(`direct conversation failed: ${res.status} ${JSON.stringify(res.body)}`);
  }
  return res.body.id as string;
}

/** Creates a group owned by `owner` with the given members; returns its id. */
export async function groupConversation(
  t: TestApp,
  owner: RegisteredUser,
  members: RegisteredUser[],
): Promise<string> {
  const res = await t
    .http()
    .post('/api/v1/conversations/group')
    .set(...bearer(owner))
    .send({ title: 'Team', memberIds: members.map((m) => m.id) });
  if (res.status !== 201) {
    throw new Error(`group failed: ${res.status} ${JSON.stringify(res.body)}`);
  }
  return res.body.id as string;
}

/** Sends a text message over REST; returns the stored message. */
export async function sendText(
  t: TestApp,
  sender: RegisteredUser,
  conversationId: string,
  content: string,
  extra: Record<string, unknown> = {},
): Promise<{ id: string; seq: number; [key: string]: unknown }> {
  const res = await t
    .http()
    .post(`/api/v1/conversations/${conversationId}/messages`)
    .set(...bearer(sender))
    .send({ content, ...extra });
  if (res.status !== 201) {
    throw new Error(`send failed: ${res.status} ${JSON.stringify(res.body)}`);
  }
  return res.body;
}
