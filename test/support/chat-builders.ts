import { Types } from 'mongoose';
import { randomUUID } from 'node:crypto';
import { ChangeClock } from '../../src/messages/change-clock';
import { MessageRecord } from '../../src/messages/message.response';
import { MessageType } from '../../src/messages/message.schema';
import { bearer, RegisteredUser } from './builders';
import { TestApp } from './test-app';

/** Opens (or gets) the direct conversation of two users through the API; returns its id. */
export async function directConversation(
  t: Pick<TestApp, 'http'>,
  a: RegisteredUser,
  b: RegisteredUser,
): Promise<string> {
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
  t: Pick<TestApp, 'http'>,
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
  t: Pick<TestApp, 'http'>,
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

/**
 * A text message as the send path builds it, for tests that store messages beside the API (as a send holds
 * them between its insert and its conversation update, or another instance wrote them): one id and
 * clientMessageId, a fresh change position at each build (each try at a seq).
 */
export function textMessageBuilder(
  t: TestApp,
  conversationId: string,
  senderId: string,
): (seq: number) => MessageRecord {
  const id = new Types.ObjectId();
  const clientMessageId = randomUUID();
  const createdAt = new Date();
  const clock = t.app.get(ChangeClock, { strict: false });
  return (seq) => ({
    _id: id,
    conversationId: new Types.ObjectId(conversationId),
    seq,
    changeSeq: clock.next(),
    senderId: new Types.ObjectId(senderId),
    clientMessageId,
    type: MessageType.Text,
    content: null,
    attachments: [],
    replyTo: null,
    mentions: [],
    reactions: [],
    editedAt: null,
    deletedAt: null,
    createdAt,
    changedAt: createdAt,
  });
}
