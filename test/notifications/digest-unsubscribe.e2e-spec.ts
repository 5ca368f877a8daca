import { RegisteredUser } from '../support/builders';
import { directConversation, sendText } from '../support/chat-builders';
import {
  DELAY_MS,
  emailDigestHarness,
  headerOf,
  oneClickPath,
  WEB_URL,
} from '../support/email-digest-harness';
import { linkToken } from '../support/smtp-sink';
import { createTestApp } from '../support/test-app';

const ONE_CLICK = '/api/v1/notifications/email/unsubscribe';

describe('Email digest one-click unsubscribe', () => {
  const h = emailDigestHarness();

  /** Sends `to` a direct message from `from` and takes the digest it leads to. */
  const digestFor = async (from: RegisteredUser, to: RegisteredUser) => {
    await sendText(h.t, from, await directConversation(h.t, from, to), 'ping');
    await h.countdownStarted(to);
    return h.nextDigest(to);
  };

  it('carries RFC 8058 headers, and a one-click form POST turns digests off for good', async () => {
    const [ana, bob] = [await h.user(), await h.user()];
    const { mail, body } = await digestFor(ana, bob);
    expect(headerOf(mail, 'List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
    const path = oneClickPath(mail);
    // The body's link goes to the web client's page, with the same token.
    expect(body).toContain(`${WEB_URL}/unsubscribe?token=${linkToken(mail, 'unsubscribe')}`);
    expect(path).toBe(`${ONE_CLICK}?token=${linkToken(mail, 'unsubscribe')}`);

    // As a mail provider sends it: form-encoded, no cookie, no token header.
    const res = await h.t.http().post(path).type('form').send('List-Unsubscribe=One-Click');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ unsubscribed: true });
    expect(await h.emailDigestOn(bob)).toBe(false);
    const again = await h.t.http().post(path).type('form').send('List-Unsubscribe=One-Click');
    expect(again.status).toBe(200);
    expect(again.body).toEqual({ unsubscribed: true });

    await h.countdownOver(bob);
    await sendText(h.t, ana, await directConversation(h.t, ana, bob), 'anyone?');
    await new Promise((resolve) => setTimeout(resolve, DELAY_MS + 500));
    expect(await h.countdown(bob)).toBe('unknown');
    expect(h.smtp.count(bob.email)).toBe(0);
  });

  it('accepts the JSON post of the web page', async () => {
    const [ana, bob] = [await h.user(), await h.user()];
    const { mail } = await digestFor(ana, bob);
    const res = await h.t.http().post(oneClickPath(mail)).send({});
    expect(res.status).toBe(200);
    expect(await h.emailDigestOn(bob)).toBe(false);
  });

  it('refuses a forged, moved or malformed token with UNSUBSCRIBE_TOKEN_INVALID, changing nothing', async () => {
    const [ana, bob] = [await h.user(), await h.user()];
    const token = linkToken((await digestFor(ana, bob)).mail, 'unsubscribe');
    const forged = [
      `${ana.id}${token.slice(24)}`,
      `${token.slice(0, -2)}${token.endsWith('AA') ? 'BB' : 'AA'}`,
      'not-a-token',
      `${bob.id}`,
    ];
    for (const bad of forged) {
      const res = await h.t
        .http()
        .post(`${ONE_CLICK}?token=${encodeURIComponent(bad)}`)
        .type('form')
        .send('List-Unsubscribe=One-Click');
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('UNSUBSCRIBE_TOKEN_INVALID');
    }
    const missing = await h.t.http().post(ONE_CLICK).type('form').send('List-Unsubscribe=One-Click');
    expect(missing.status).toBe(400);
    const wrongBody = await h.t
      .http()
      .post(`${ONE_CLICK}?token=${token}`)
      .type('form')
      .send('List-Unsubscribe=No');
    expect(wrongBody.status).toBe(400);
    expect(await h.emailDigestOn(ana)).toBe(true);
    expect(await h.emailDigestOn(bob)).toBe(true);
  });

  it('does nothing on GET (link scanners), sending a person to the web page that asks first', async () => {
    const [ana, bob] = [await h.user(), await h.user()];
    const { mail } = await digestFor(ana, bob);
    const token = linkToken(mail, 'unsubscribe');
    const res = await h.t.http().get(oneClickPath(mail));
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(`${WEB_URL}/unsubscribe?token=${token}`);
    expect(await h.emailDigestOn(bob)).toBe(true);
  });
});

describe('Email digest one-click unsubscribe limits', () => {
  it('is rate-limited per client address like other public routes', async () => {
    const t = await createTestApp({ RATE_LIMIT_PER_MINUTE: '3' });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 4; i += 1) {
        statuses.push((await t.http().post(`${ONE_CLICK}?token=forged${i}`).send({})).status);
      }
      expect(statuses).toEqual([400, 400, 400, 429]);
    } finally {
      await t.close();
    }
  });
});
