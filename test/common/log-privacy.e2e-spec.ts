import { randomBytes } from 'node:crypto';
import { APP_BOOT_TIMEOUT_MS, AppProcess, startAppProcess } from '../support/app-process';
import { bearer, registerUser } from '../support/builders';
import { eventually } from '../support/eventually';
import { ackData, closeSockets, connectChat } from '../support/socket-client';

const secret = (label: string) => `${label}${randomBytes(8).toString('hex')}`;

/** Drives the routes that carry credentials, codes, search terms and content, as a client would. */
async function exerciseSensitiveRoutes(app: AppProcess, secrets: Record<string, string>): Promise<string[]> {
  const alice = await registerUser(app, { password: secrets.password });
  const bob = await registerUser(app);
  const login = await app
    .http()
    .post('/api/v1/auth/login')
    .send({ email: alice.email, password: secrets.password });
  const cookies = ([] as string[]).concat(login.headers['set-cookie'] ?? []);
  await app.http().post('/api/v1/auth/refresh').set('Cookie', cookies.join('; ')).send({});
  await app.http().post('/api/v1/auth/login').send({ email: alice.email, password: secrets.wrongPassword });
  await app
    .http()
    .get('/api/v1/users/search')
    .query({ q: secrets.searchTerm })
    .set(...bearer(alice));
  await app
    .http()
    .get('/api/v1/auth/google/callback')
    .query({ code: secrets.oauthCode, state: secrets.state });
  const direct = await app
    .http()
    .post('/api/v1/conversations/direct')
    .set(...bearer(alice))
    .send({ userId: bob.id });
  await app
    .http()
    .post(`/api/v1/conversations/${direct.body.id}/messages`)
    .set(...bearer(alice))
    .send({ content: secrets.restContent });
  const socket = await connectChat(app, alice);
  await ackData(socket, 'send_message', { conversationId: direct.body.id, content: secrets.socketContent });
  return [
    alice.accessToken,
    alice.refreshToken,
    ...cookies.map((cookie) => cookie.split(';')[0].split('=')[1]),
  ];
}

describe('Log privacy', () => {
  afterEach(() => closeSockets());

  it(
    'logs requests without passwords, tokens, cookies, OAuth codes, search terms or message content',
    async () => {
      const app = await startAppProcess({ LOG_LEVEL: 'debug' });
      try {
        const secrets = {
          password: secret('pw-'),
          wrongPassword: secret('wrong-pw-'),
          searchTerm: secret('term'),
          oauthCode: secret('code'),
          state: secret('state'),
          restContent: secret('rest content '),
          socketContent: secret('socket content '),
        };
        const issued = await exerciseSensitiveRoutes(app, secrets);
        // The requests above were logged (so the absence below means something).
        await eventually(async () => expect(app.output()).toContain('/api/v1/auth/google/callback'));
        expect(app.output()).toContain('/api/v1/users/search');

        for (const value of [...Object.values(secrets), ...issued]) {
          expect(app.output()).not.toContain(value);
        }
      } finally {
        app.child.kill('SIGTERM');
        await app.exited();
      }
    },
    APP_BOOT_TIMEOUT_MS + 30_000,
  );
});
