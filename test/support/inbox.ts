import { getQueueToken } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import { QueueName } from '../../src/common/queue/jobs';
import { inboxJobIds } from '../../src/notifications/inbox/inbox-job-ids';
import type { NotificationResponse } from '../../src/realtime/server-events';
import { bearer, RegisteredUser } from './builders';
import { eventually } from './eventually';
import { TestApp } from './test-app';

export const NOTIFICATIONS = '/api/v1/notifications';

export interface InboxPage {
  items: NotificationResponse[];
  nextCursor: string | null;
  unreadCount: number;
}

/** The user's inbox page through the API (all entries, newest first, unless the query says otherwise). */
export async function inboxOf(
  t: Pick<TestApp, 'http'>,
  user: RegisteredUser,
  query: Record<string, string> = {},
): Promise<InboxPage> {
  const res = await t
    .http()
    .get(NOTIFICATIONS)
    .query(query)
    .set(...bearer(user));
  if (res.status !== 200) {
    throw new Error(`inbox failed: ${res.status} ${JSON.stringify(res.body)}`);
  }
  return res.body as InboxPage;
}

/** Waits until the user's inbox satisfies the expectations in `check`, then answers it. */
export async function eventuallyInbox(
  t: Pick<TestApp, 'http'>,
  user: RegisteredUser,
  check: (inbox: InboxPage) => void,
): Promise<InboxPage> {
  let last: InboxPage | undefined;
  await eventually(async () => {
    last = await inboxOf(t, user);
    check(last);
  });
  return last!;
}

export async function react(
  t: Pick<TestApp, 'http'>,
  user: RegisteredUser,
  conversationId: string,
  messageId: string,
  emoji: string,
): Promise<void> {
  const res = await t
    .http()
    .put(
      `/api/v1/conversations/${conversationId}/messages/${messageId}/reactions/${encodeURIComponent(emoji)}`,
    )
    .set(...bearer(user));
  if (res.status >= 300) {
    throw new Error(`react failed: ${res.status} ${JSON.stringify(res.body)}`);
  }
}

function inboxQueue(t: TestApp): Queue {
  return t.app.get<Queue>(getQueueToken(QueueName.Inbox), { strict: false });
}

/** Waits until the inbox job with this id has run, so "no entry" is told apart from "not yet". */
export async function inboxJobDone(t: TestApp, jobId: string): Promise<void> {
  await eventually(async () => expect(await inboxQueue(t).getJobState(jobId)).toBe('completed'));
}

export const messageJobDone = (t: TestApp, messageId: string) =>
  inboxJobDone(t, inboxJobIds.message(messageId));
export const reactionJobDone = (t: TestApp, messageId: string, user: RegisteredUser, emoji: string) =>
  inboxJobDone(t, inboxJobIds.reaction(messageId, user.id, emoji));

/** Whether a job was ever queued for this message (a plain message must queue none). */
export async function messageJobState(t: TestApp, messageId: string): Promise<string> {
  return inboxQueue(t).getJobState(inboxJobIds.message(messageId));
}

/**
 * Waits until the inbox queue has had nothing waiting or running for a few checks in a row: for events
 * whose job id a test cannot know (membership changes carry their time). Delayed jobs do not count: the
 * retention sweep's next run always waits there.
 */
export async function inboxIdle(t: TestApp): Promise<void> {
  let quiet = 0;
  await eventually(async () => {
    const counts = await inboxQueue(t).getJobCounts('waiting', 'active', 'prioritized');
    quiet = Object.values(counts).every((count) => count === 0) ? quiet + 1 : 0;
    expect(quiet).toBeGreaterThanOrEqual(3);
  });
}

export async function setNotify(
  t: Pick<TestApp, 'http'>,
  user: RegisteredUser,
  conversationId: string,
  body: Record<string, unknown>,
): Promise<void> {
  const res = await t
    .http()
    .patch(`/api/v1/conversations/${conversationId}/me`)
    .set(...bearer(user))
    .send(body);
  if (res.status !== 200) {
    throw new Error(`preferences failed: ${res.status} ${JSON.stringify(res.body)}`);
  }
}
