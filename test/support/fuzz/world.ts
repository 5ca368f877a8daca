import { JwtService } from '@nestjs/jwt';
import { Role } from '../../../src/common/auth/role';
import { UsersService } from '../../../src/users/users.service';
import type { CreatedApiKeyResponse } from '../../../src/api-keys/api-keys.dto';
import { createApiKey, notify, notifyProgress } from '../api-keys';
import { bearer, registerUser, RegisteredUser } from '../builders';
import { directConversation, groupConversation, sendText } from '../chat-builders';
import { eventually } from '../eventually';
import { png } from '../media-files';
import { PushServiceStandIn, TestSubscription } from '../push-service-stand-in';
import { TestApp } from '../test-app';

/**
 * Real fixtures for the fuzz to aim at, so member-only and owner-only code paths are reached: `me` owns a
 * group with `other` and has a direct chat with them; `outsider` has a conversation `me` is not in.
 */
export interface World {
  me: RegisteredUser;
  other: RegisteredUser;
  outsider: RegisteredUser;
  mySessionId: string;
  group: string;
  direct: string;
  foreign: string;
  myMessage: { id: string; seq: number };
  otherMessage: { id: string; seq: number };
  foreignMessage: { id: string; seq: number };
  myUpload: string;
  subscription: TestSubscription;
  /** `me`'s report of `other`'s message. */
  myReport: string;
  /** An inbox entry of `me` and one of `other`: each reacted to the other's message. */
  myNotification: string;
  otherNotification: string;
  /** A service's `notify:send` key, and a notify request it sent to `me` and `other`. */
  serviceKey: CreatedApiKeyResponse;
  myNotifyRequest: string;
}

export async function buildWorld(t: TestApp, pushService: PushServiceStandIn): Promise<World> {
  const [me, other, outsider] = await Promise.all([registerUser(t), registerUser(t), registerUser(t)]);
  const group = await groupConversation(t, me, [other]);
  const direct = await directConversation(t, me, other);
  const foreign = await directConversation(t, outsider, other);
  const myMessage = await sendText(t, me, group, 'hello from me');
  const otherMessage = await sendText(t, other, group, 'hello from other');
  const foreignMessage = await sendText(t, outsider, foreign, 'not for me');
  const upload = await t
    .http()
    .post('/api/v1/uploads')
    .set(...bearer(me))
    .attach('file', png(4, 4), { filename: 'fixture.png', contentType: 'image/png' });
  if (upload.status !== 201) {
    throw new Error(`fixture upload failed: ${upload.status} ${JSON.stringify(upload.body)}`);
  }
  const subscription = pushService.subscription();
  const registered = await t
    .http()
    .post('/api/v1/notifications/push-subscriptions')
    .set(...bearer(me))
    .send({ endpoint: subscription.endpoint, keys: subscription.keys });
  if (registered.status !== 201) {
    throw new Error(`fixture subscription failed: ${registered.status} ${JSON.stringify(registered.body)}`);
  }
  const report = await t
    .http()
    .post('/api/v1/reports')
    .set(...bearer(me))
    .send({ targetType: 'message', targetId: otherMessage.id, reason: 'spam' });
  if (report.status !== 201) {
    throw new Error(`fixture report failed: ${report.status} ${JSON.stringify(report.body)}`);
  }
  const [myNotification, otherNotification] = await Promise.all([
    inboxEntry(t, other, me, () =>
      t
        .http()
        .put(`/api/v1/conversations/${group}/messages/${myMessage.id}/reactions/${encodeURIComponent('👍')}`)
        .set(...bearer(other)),
    ),
    inboxEntry(t, me, other, () =>
      t
        .http()
        .put(
          `/api/v1/conversations/${group}/messages/${otherMessage.id}/reactions/${encodeURIComponent('👍')}`,
        )
        .set(...bearer(me)),
    ),
  ]);
  const serviceKey = await createApiKey(t, { accessToken: await adminToken(t) }, { name: 'fuzz service' });
  const notified = await notify(t, serviceKey.key, { userIds: [me.id, other.id] });
  if (notified.status !== 202) {
    throw new Error(`fixture notify failed: ${notified.status} ${JSON.stringify(notified.body)}`);
  }
  // Its deliveries store inbox entries in the background; none may land while a refusal is checked.
  await eventually(async () => {
    const progress = await notifyProgress(t, serviceKey.key, notified.body.id as string);
    if (progress.body.status !== 'completed') {
      throw new Error(`fixture notify request is ${String(progress.body.status)}`);
    }
  }, 20_000);
  return {
    me,
    other,
    outsider,
    mySessionId: sessionOf(me.accessToken),
    group,
    direct,
    foreign,
    myMessage,
    otherMessage,
    foreignMessage,
    myUpload: upload.body.uploadId as string,
    subscription,
    myReport: report.body.id as string,
    myNotification,
    otherNotification,
    serviceKey,
    myNotifyRequest: notified.body.id as string,
  };
}

/** Makes `actor` do something that notifies `recipient`, and waits for the entry's id (made by a job). */
async function inboxEntry(
  t: TestApp,
  actor: RegisteredUser,
  recipient: RegisteredUser,
  act: () => PromiseLike<unknown>,
): Promise<string> {
  await act();
  let id: string | undefined;
  await eventually(async () => {
    const res = await t
      .http()
      .get('/api/v1/notifications')
      .set(...bearer(recipient));
    id = (res.body as { items: Array<{ id: string; actors: Array<{ id: string }> }> }).items.find((item) =>
      item.actors.some((who) => who.id === actor.id),
    )?.id;
    expect(id).toBeDefined();
  });
  return id!;
}

export function sessionOf(accessToken: string): string {
  return new JwtService().decode<{ sid: string }>(accessToken).sid;
}

/** A new session of the user (a fresh login), for routes that end the session they run in. */
export async function freshSession(t: TestApp, user: RegisteredUser): Promise<string> {
  const res = await t.http().post('/api/v1/auth/login').send({ email: user.email, password: user.password });
  if (res.status !== 200) {
    throw new Error(`login failed: ${res.status} ${JSON.stringify(res.body)}`);
  }
  return res.body.accessToken as string;
}

/** The password of `freshUser`s: no fixture user has it, so a request that must name it cannot hit them. */
export const FRESH_USER_PASSWORD = 'a fresh user passphrase';

/** A new user with no conversations, for routes that end the account they run as. */
export function freshUser(t: TestApp): Promise<RegisteredUser> {
  return registerUser(t, { password: FRESH_USER_PASSWORD });
}

/** The user an access token belongs to. */
export function userOf(accessToken: string): string {
  return new JwtService().decode<{ sub: string }>(accessToken).sub;
}

/** An access token of a user made admin (through the real service, then a login for a token saying so). */
export async function adminToken(t: TestApp): Promise<string> {
  const admin = await registerUser(t);
  await t.app.get(UsersService, { strict: false }).setRole(admin.id, Role.Admin);
  return freshSession(t, admin);
}
