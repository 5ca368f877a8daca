import type { Redis } from 'ioredis';
import { randomUUID } from 'node:crypto';
import { REDIS } from '../../src/common/redis/redis.constants';
import { bearer } from '../support/builders';
import { directConversation, groupConversation, sendText } from '../support/chat-builders';
import { eventually } from '../support/eventually';
import { recordUpload } from '../support/media-uploads';
import { connectChat } from '../support/socket-client';
import { users, webPushHarness } from '../support/web-push-harness';

describe('Web Push to offline members', () => {
  const h = webPushHarness();

  it('serves the VAPID public key browsers subscribe with', async () => {
    const [alice] = await users(h.t, 1);
    const res = await h.t
      .http()
      .get('/api/v1/notifications/vapid-public-key')
      .set(...bearer(alice));
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ publicKey: h.vapid.publicKey });
  });

  it('pushes one encrypted notification with the sender’s name and a preview to an offline member, none to an online one or the sender', async () => {
    const [alice, bob, carol] = await users(h.t, 3);
    const conversationId = await groupConversation(h.t, alice, [bob, carol]);
    const [alicePhone, bobPhone, carolPhone] = [
      await h.subscribe(alice),
      await h.subscribe(bob),
      await h.subscribe(carol),
    ];
    await connectChat(h.t, carol);

    const message = await sendText(h.t, alice, conversationId, 'lunch at noon?');

    await eventually(async () => expect(h.pushService.pushesTo(bobPhone)).toHaveLength(1));
    expect(h.pushService.pushesTo(bobPhone)[0]).toEqual({
      payload: {
        type: 'new_message',
        conversationId,
        messageId: message.id,
        seq: message.seq,
        senderId: alice.id,
        senderName: alice.displayName,
        conversationTitle: 'Team',
        body: 'lunch at noon?',
      },
      ttl: '86400',
      urgency: 'high',
      topic: conversationId,
    });
    await h.pushJobDone(message.id);
    expect(h.pushService.attemptsAt(carolPhone)).toBe(0);
    expect(h.pushService.attemptsAt(alicePhone)).toBe(0);
    expect(h.pushService.pushesTo(bobPhone)).toHaveLength(1);
  });

  it('queues no push job at all when the send reached every recipient live', async () => {
    const [alice, bob, carol] = await users(h.t, 3);
    const [withBob, withCarol] = [
      await directConversation(h.t, alice, bob),
      await directConversation(h.t, alice, carol),
    ];
    const [bobPhone, carolPhone] = [await h.subscribe(bob), await h.subscribe(carol)];
    await connectChat(h.t, bob);
    await eventually(async () => {
      const res = await h.t
        .http()
        .get(`/api/v1/users/${bob.id}/presence`)
        .set(...bearer(alice));
      expect(res.body).toMatchObject({ online: true });
    });

    const reachedLive = await sendText(h.t, alice, withBob, 'you are here');
    const offline = await sendText(h.t, alice, withCarol, 'you are not');

    // Queued after the first message's (one connection, in order): once it ran, the first one would exist.
    await h.pushJobDone(offline.id);
    expect(h.pushService.pushesTo(carolPhone)).toHaveLength(1);
    expect(await h.pushJobState(reachedLive.id)).toBe('unknown');
    expect(h.pushService.attemptsAt(bobPhone)).toBe(0);
  });

  it('queues no push job for a message whose offline recipients never registered a device', async () => {
    const [alice, bob, carol] = await users(h.t, 3);
    const [withBob, withCarol] = [
      await directConversation(h.t, alice, bob),
      await directConversation(h.t, alice, carol),
    ];
    const carolPhone = await h.subscribe(carol);

    const nobodyToPush = await sendText(h.t, alice, withBob, 'no device registered');
    const pushed = await sendText(h.t, alice, withCarol, 'to your phone');

    // Queued after the first message's would have been (one Redis connection each, in order).
    await h.pushJobDone(pushed.id);
    expect(h.pushService.pushesTo(carolPhone)).toHaveLength(1);
    expect(await h.pushJobState(nobodyToPush.id)).toBe('unknown');
  });

  it('still pushes after Redis lost the set of registered users, and refills it from the database', async () => {
    const [alice, bob] = await users(h.t, 2);
    const conversationId = await directConversation(h.t, alice, bob);
    const bobPhone = await h.subscribe(bob);
    const redis = h.t.app.get<Redis>(REDIS, { strict: false });
    await redis.del(h.subscribersKey());

    const message = await sendText(h.t, alice, conversationId, 'still there?');

    await h.pushJobDone(message.id);
    expect(h.pushService.pushesTo(bobPhone)).toHaveLength(1);
    await eventually(async () =>
      expect(await redis.smembers(h.subscribersKey())).toEqual(expect.arrayContaining([bob.id, '*complete'])),
    );
  });

  it('describes a message without text by its attachment and leaves out the title of a direct chat', async () => {
    const [alice, bob] = await users(h.t, 2);
    const conversationId = await directConversation(h.t, alice, bob);
    const bobPhone = await h.subscribe(bob);
    const asset = { public_id: 'parley/a', resource_type: 'image', format: 'png', bytes: 9 } as const;
    const image = { kind: 'image', mimeType: 'image/png', name: 'a.png', width: 4, height: 3 } as const;
    const uploadId = await recordUpload(h.t, alice, asset, image);
    await sendText(h.t, alice, conversationId, '', { attachments: [{ uploadId }] });
    await eventually(async () => expect(h.pushService.pushesTo(bobPhone)).toHaveLength(1));
    const { payload } = h.pushService.pushesTo(bobPhone)[0];
    expect(payload.body).toBe('Sent an image');
    expect(payload).not.toHaveProperty('conversationTitle');
  });

  it('pushes to a member who muted the conversation only when the message mentions them', async () => {
    const [alice, bob, carol] = await users(h.t, 3);
    const conversationId = await groupConversation(h.t, alice, [bob, carol]);
    const muted = await h.t
      .http()
      .patch(`/api/v1/conversations/${conversationId}/me`)
      .set(...bearer(carol))
      .send({ muted: true });
    expect(muted.status).toBe(200);
    const [bobPhone, carolPhone] = [await h.subscribe(bob), await h.subscribe(carol)];

    const plain = await sendText(h.t, alice, conversationId, 'standup moved to 10');
    await eventually(async () => expect(h.pushService.pushesTo(bobPhone)).toHaveLength(1));
    await h.pushJobDone(plain.id);
    expect(h.pushService.attemptsAt(carolPhone)).toBe(0);

    const mention = await sendText(h.t, alice, conversationId, `@${carol.id} can you take it?`);
    await eventually(async () => expect(h.pushService.pushesTo(carolPhone)).toHaveLength(1));
    expect(h.pushService.pushesTo(carolPhone)[0].payload.messageId).toBe(mention.id);
  });

  it('never pushes a message to a member who blocked its sender, even when mentioned', async () => {
    const [alice, bob, carol] = await users(h.t, 3);
    const conversationId = await groupConversation(h.t, alice, [bob, carol]);
    const blocked = await h.t
      .http()
      .put(`/api/v1/users/me/blocks/${alice.id}`)
      .set(...bearer(carol));
    expect(blocked.status).toBe(204);
    const [bobPhone, carolPhone] = [await h.subscribe(bob), await h.subscribe(carol)];

    const message = await sendText(h.t, alice, conversationId, `@${carol.id} @${bob.id} are you there?`);
    await eventually(async () => expect(h.pushService.pushesTo(bobPhone)).toHaveLength(1));
    await h.pushJobDone(message.id);
    expect(h.pushService.attemptsAt(carolPhone)).toBe(0);
  });

  it('does not push again when a clientMessageId is resent', async () => {
    const [alice, bob] = await users(h.t, 2);
    const conversationId = await directConversation(h.t, alice, bob);
    const bobPhone = await h.subscribe(bob);
    const clientMessageId = randomUUID();

    const first = await sendText(h.t, alice, conversationId, 'once', { clientMessageId });
    await h.pushJobDone(first.id);
    const resent = await sendText(h.t, alice, conversationId, 'once', { clientMessageId });
    expect(resent.id).toBe(first.id);
    const next = await sendText(h.t, alice, conversationId, 'twice');
    await h.pushJobDone(next.id);

    const pushed = h.pushService.pushesTo(bobPhone).map((push) => push.payload.messageId);
    expect(pushed).toEqual([first.id, next.id]);
  });

  it('deletes a subscription the push service reports gone (410) and never pushes to it again', async () => {
    const [alice, bob] = await users(h.t, 2);
    const conversationId = await directConversation(h.t, alice, bob);
    const [oldBrowser, phone] = [await h.subscribe(bob), await h.subscribe(bob)];
    h.pushService.answer(oldBrowser, 410);

    const first = await sendText(h.t, alice, conversationId, 'are you there?');
    await h.pushJobDone(first.id);
    expect(h.pushService.attemptsAt(oldBrowser)).toBe(1);
    expect(await h.endpointsOf(bob)).toEqual([phone.endpoint]);

    const second = await sendText(h.t, alice, conversationId, 'still there?');
    await h.pushJobDone(second.id);
    expect(h.pushService.pushesTo(phone)).toHaveLength(2);
    expect(h.pushService.attemptsAt(oldBrowser)).toBe(1);
  });

  it('retries a push the service failed (500) until it arrives, and never pushes twice to a device that got it', async () => {
    const [alice, bob] = await users(h.t, 2);
    const conversationId = await directConversation(h.t, alice, bob);
    const [flaky, steady] = [await h.subscribe(bob), await h.subscribe(bob)];
    h.pushService.answer(flaky, 500, 2);

    const message = await sendText(h.t, alice, conversationId, 'third time lucky');
    await h.pushJobDone(message.id);
    expect(h.pushService.attemptsAt(flaky)).toBe(3);
    expect(h.pushService.pushesTo(flaky).map((push) => push.payload.messageId)).toEqual([message.id]);
    expect(h.pushService.attemptsAt(steady)).toBe(1);
    expect(h.pushService.pushesTo(steady)).toHaveLength(1);
  });

  it('stops pushing to a device once its session logs out', async () => {
    const [alice, bob] = await users(h.t, 2);
    const conversationId = await directConversation(h.t, alice, bob);
    const login = await h.t
      .http()
      .post('/api/v1/auth/login')
      .send({ email: bob.email, password: bob.password });
    expect(login.status).toBe(200);
    const bobOnPhone = { accessToken: login.body.accessToken as string };
    const [laptop, phone] = [await h.subscribe(bob), await h.subscribe(bobOnPhone)];

    const logout = await h.t
      .http()
      .post('/api/v1/auth/logout')
      .set(...bearer(bob));
    expect(logout.status).toBe(204);
    await eventually(async () => expect(await h.endpointsOf(bobOnPhone)).toEqual([phone.endpoint]));

    const message = await sendText(h.t, alice, conversationId, 'did you log out?');
    await h.pushJobDone(message.id);
    expect(h.pushService.pushesTo(phone)).toHaveLength(1);
    expect(h.pushService.attemptsAt(laptop)).toBe(0);
  });
});
