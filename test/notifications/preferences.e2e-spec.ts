import { bearer, RegisteredUser } from '../support/builders';
import { groupConversation, sendText } from '../support/chat-builders';
import { users, webPushHarness } from '../support/web-push-harness';

const SETTINGS = '/api/v1/users/me/notification-settings';

describe('Notification preferences', () => {
  const h = webPushHarness();

  const patchMine = (user: RegisteredUser, conversationId: string, body: unknown) =>
    h.t
      .http()
      .patch(`/api/v1/conversations/${conversationId}/me`)
      .set(...bearer(user))
      .send(body as object);
  const conversationOf = async (user: RegisteredUser, conversationId: string) =>
    (
      await h.t
        .http()
        .get(`/api/v1/conversations/${conversationId}`)
        .set(...bearer(user))
    ).body;
  const patchSettings = (user: RegisteredUser, body: unknown) =>
    h.t
      .http()
      .patch(SETTINGS)
      .set(...bearer(user))
      .send(body as object);
  const settingsOf = async (user: RegisteredUser) =>
    (
      await h.t
        .http()
        .get(SETTINGS)
        .set(...bearer(user))
    ).body;

  /** Sends a message and waits for its push job, so "no push" is told apart from "not yet". */
  async function sendAndSettle(from: RegisteredUser, conversationId: string, text: string, extra = {}) {
    const message = await sendText(h.t, from, conversationId, text, extra);
    await h.pushJobDone(message.id);
    return message;
  }

  describe('per conversation', () => {
    it('keeps a notification level and a timed mute, shown on the conversation', async () => {
      const [alice, bob] = await users(h.t, 2);
      const conversationId = await groupConversation(h.t, alice, [bob]);
      const until = new Date(Date.now() + 3_600_000).toISOString();

      const res = await patchMine(bob, conversationId, { notify: 'mentions', mutedUntil: until });

      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ notify: 'mentions', muted: true, mutedUntil: until });
      expect(await conversationOf(bob, conversationId)).toMatchObject({ notify: 'mentions', muted: true });
      // Alice's own preferences are untouched.
      expect(await conversationOf(alice, conversationId)).toMatchObject({
        notify: 'all',
        muted: false,
        mutedUntil: null,
      });
    });

    it('lifts a timed mute by itself when its end passes', async () => {
      const [alice, bob] = await users(h.t, 2);
      const conversationId = await groupConversation(h.t, alice, [bob]);
      const bobPhone = await h.subscribe(bob);
      // Long enough for the message below to be pushed (or not) while the mute holds, on a loaded machine.
      const until = Date.now() + 5000;
      const muted = await patchMine(bob, conversationId, { mutedUntil: new Date(until).toISOString() });
      expect(muted.body.muted).toBe(true);

      await sendAndSettle(alice, conversationId, 'while muted');
      expect(Date.now()).toBeLessThan(until);
      expect(h.pushService.attemptsAt(bobPhone)).toBe(0);

      await new Promise((resolve) => setTimeout(resolve, until - Date.now() + 100));
      expect(await conversationOf(bob, conversationId)).toMatchObject({ muted: false, mutedUntil: null });
      const after = await sendAndSettle(alice, conversationId, 'mute is over');
      expect(h.pushService.pushesTo(bobPhone).map((push) => push.payload.messageId)).toEqual([after.id]);
    });

    it('refuses contradictory or malformed preferences and changes nothing', async () => {
      const [alice, bob] = await users(h.t, 2);
      const conversationId = await groupConversation(h.t, alice, [bob]);
      const future = new Date(Date.now() + 60_000).toISOString();

      for (const body of [
        {},
        { notify: 'loud' },
        { mutedUntil: new Date(Date.now() - 60_000).toISOString() },
        { mutedUntil: 'tomorrow' },
        { muted: false, mutedUntil: future },
        { muted: true, colour: 'red' },
      ]) {
        const res = await patchMine(bob, conversationId, body);
        expect({ body, status: res.status, code: res.body.code }).toEqual({
          body,
          status: 400,
          code: 'VALIDATION_FAILED',
        });
      }
      expect(await conversationOf(bob, conversationId)).toMatchObject({
        notify: 'all',
        muted: false,
        mutedUntil: null,
      });
    });

    it('pushes at level mentions only what mentions (@all too) or replies to the member, and nothing at level none', async () => {
      const [alice, bob, carol] = await users(h.t, 3);
      const conversationId = await groupConversation(h.t, alice, [bob, carol]);
      expect((await patchMine(bob, conversationId, { notify: 'mentions' })).status).toBe(200);
      expect((await patchMine(carol, conversationId, { notify: 'none' })).status).toBe(200);
      const [bobPhone, carolPhone] = [await h.subscribe(bob), await h.subscribe(carol)];
      const bobsOwn = await sendText(h.t, bob, conversationId, 'my proposal');

      await sendAndSettle(alice, conversationId, 'plain chatter');
      const mention = await sendAndSettle(alice, conversationId, `@${bob.id} @${carol.id} thoughts?`);
      const reply = await sendAndSettle(alice, conversationId, 'agreed', { replyTo: bobsOwn.id });
      const everyone = await sendAndSettle(alice, conversationId, '@all release is out');

      expect(h.pushService.pushesTo(bobPhone).map((push) => push.payload.messageId)).toEqual([
        mention.id,
        reply.id,
        everyone.id,
      ]);
      expect(h.pushService.attemptsAt(carolPhone)).toBe(0);
    });
  });

  describe('per account', () => {
    it('starts from the defaults and changes only the fields sent', async () => {
      const [alice] = await users(h.t, 1);
      expect(await settingsOf(alice)).toEqual({
        emailDigest: true,
        emailDelayMinutes: 15,
        push: true,
        quietHours: null,
      });
      const quietHours = { start: '22:30', end: '07:00', timeZone: 'America/Sao_Paulo' };

      expect((await patchSettings(alice, { emailDelayMinutes: 60, quietHours })).body).toEqual({
        emailDigest: true,
        emailDelayMinutes: 60,
        push: true,
        quietHours,
      });
      expect((await patchSettings(alice, { emailDigest: false })).body).toMatchObject({
        emailDigest: false,
        emailDelayMinutes: 60,
        quietHours,
      });
      expect((await patchSettings(alice, { quietHours: null })).body.quietHours).toBeNull();
      expect(await settingsOf(alice)).toEqual({
        emailDigest: false,
        emailDelayMinutes: 60,
        push: true,
        quietHours: null,
      });
    });

    it('refuses malformed settings and changes nothing', async () => {
      const [alice] = await users(h.t, 1);
      const night = { start: '22:00', end: '07:00', timeZone: 'Europe/Lisbon' };
      for (const body of [
        {},
        { push: 'no' },
        { emailDelayMinutes: 0 },
        { emailDelayMinutes: 1441 },
        { quietHours: { ...night, timeZone: 'Mars/Olympus_Mons' } },
        { quietHours: { ...night, end: '22:00' } },
        { quietHours: { ...night, start: '24:00' } },
        { quietHours: { start: '22:00', end: '07:00' } },
        { sms: true },
      ]) {
        const res = await patchSettings(alice, body);
        expect({ body, status: res.status, code: res.body.code }).toEqual({
          body,
          status: 400,
          code: 'VALIDATION_FAILED',
        });
      }
      expect((await settingsOf(alice)).quietHours).toBeNull();
      expect((await h.t.http().get(SETTINGS)).status).toBe(401);
    });

    it('stops Web Push while it is off or in quiet hours, and resumes after', async () => {
      const [alice, bob] = await users(h.t, 2);
      const conversationId = await groupConversation(h.t, alice, [bob]);
      const bobPhone = await h.subscribe(bob);
      const utcClock = (offsetMinutes: number) =>
        new Date(Date.now() + offsetMinutes * 60_000).toISOString().slice(11, 16);
      const aroundNow = { start: utcClock(-60), end: utcClock(60), timeZone: 'UTC' };

      expect((await patchSettings(bob, { push: false })).status).toBe(200);
      await sendAndSettle(alice, conversationId, `@${bob.id} push is off`);
      expect((await patchSettings(bob, { push: true, quietHours: aroundNow })).status).toBe(200);
      await sendAndSettle(alice, conversationId, `@${bob.id} quiet hours`);
      expect(h.pushService.attemptsAt(bobPhone)).toBe(0);

      expect((await patchSettings(bob, { quietHours: null })).status).toBe(200);
      const heard = await sendAndSettle(alice, conversationId, 'back to normal');
      expect(h.pushService.pushesTo(bobPhone).map((push) => push.payload.messageId)).toEqual([heard.id]);
    });
  });
});
