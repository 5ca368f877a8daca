import { createHmac } from 'node:crypto';
import { bearer, registerUser } from '../support/builders';
import { createTestApp, TestApp } from '../support/test-app';

const SECRET = 'ice-servers-test-secret-of-enough-length';

describe('GET /calls/ice-servers', () => {
  describe('with STUN and TURN configured', () => {
    let t: TestApp;

    beforeAll(async () => {
      t = await createTestApp({
        STUN_URLS: 'stun:stun.parley.test:3478',
        TURN_URLS: 'turn:turn.parley.test:3478?transport=udp,turns:turn.parley.test:5349',
        TURN_SHARED_SECRET: SECRET,
        TURN_CREDENTIAL_TTL_SECONDS: '600',
      });
    });
    afterAll(() => t.close());

    it("lists the STUN servers, then the TURN servers with a credential for the caller that coturn's secret verifies", async () => {
      const alice = await registerUser(t);
      const before = Math.floor(Date.now() / 1000);
      const res = await t
        .http()
        .get('/api/v1/calls/ice-servers')
        .set(...bearer(alice));
      const after = Math.floor(Date.now() / 1000);

      expect(res.status).toBe(200);
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.body).toEqual({
        iceServers: [
          { urls: ['stun:stun.parley.test:3478'] },
          {
            urls: ['turn:turn.parley.test:3478?transport=udp', 'turns:turn.parley.test:5349'],
            username: expect.any(String),
            credential: expect.any(String),
          },
        ],
        ttlSeconds: 600,
      });
      const { username, credential } = res.body.iceServers[1] as { username: string; credential: string };
      const [expiry, userId] = username.split(':');
      expect(userId).toBe(alice.id);
      expect(Number(expiry)).toBeGreaterThanOrEqual(before + 600);
      expect(Number(expiry)).toBeLessThanOrEqual(after + 600);
      // What coturn computes with `use-auth-secret` and `static-auth-secret` to check the password.
      expect(credential).toBe(createHmac('sha1', SECRET).update(username).digest('base64'));
    });

    it('gives each user a credential of their own', async () => {
      const [alice, bob] = [await registerUser(t), await registerUser(t)];
      const usernameOf = async (user: typeof alice) =>
        (
          await t
            .http()
            .get('/api/v1/calls/ice-servers')
            .set(...bearer(user))
        ).body.iceServers[1].username as string;
      expect((await usernameOf(alice)).endsWith(`:${alice.id}`)).toBe(true);
      expect((await usernameOf(bob)).endsWith(`:${bob.id}`)).toBe(true);
    });

    it('answers 401 without a valid access token', async () => {
      expect((await t.http().get('/api/v1/calls/ice-servers')).status).toBe(401);
      const res = await t.http().get('/api/v1/calls/ice-servers').set('Authorization', 'Bearer not-a-token');
      expect(res.status).toBe(401);
      expect(res.body.iceServers).toBeUndefined();
    });
  });

  describe('with nothing configured', () => {
    let t: TestApp;

    beforeAll(async () => {
      t = await createTestApp();
    });
    afterAll(() => t.close());

    it('answers an empty list: peers then connect by their host candidates alone', async () => {
      const alice = await registerUser(t);
      const res = await t
        .http()
        .get('/api/v1/calls/ice-servers')
        .set(...bearer(alice));
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ iceServers: [], ttlSeconds: 3600 });
    });
  });
});
