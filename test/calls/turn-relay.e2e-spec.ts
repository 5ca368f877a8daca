import { signTurnCredential } from '../../src/calls/turn-credentials';
import { bearer, registerUser } from '../support/builders';
import { relaysWith, RunningCoturn, startCoturn } from '../support/coturn';
import { createTestApp, TestApp } from '../support/test-app';

const SECRET = 'turn-relay-test-secret-of-enough-length';

describe('TURN credentials against a real coturn', () => {
  let coturn: RunningCoturn;
  let t: TestApp;

  beforeAll(async () => {
    coturn = await startCoturn(SECRET);
    t = await createTestApp({ TURN_URLS: coturn.url, TURN_SHARED_SECRET: SECRET });
  });
  afterAll(async () => {
    await t?.close();
    await coturn?.stop();
  });

  const turnServerOf = async () => {
    const alice = await registerUser(t);
    const res = await t
      .http()
      .get('/api/v1/calls/ice-servers')
      .set(...bearer(alice));
    return {
      alice,
      turn: res.body.iceServers[0] as { urls: string[]; username: string; credential: string },
    };
  };

  it('relays with the credential GET /calls/ice-servers hands out', async () => {
    const { turn } = await turnServerOf();
    expect(turn.urls).toEqual([coturn.url]);
    expect(await relaysWith(coturn, turn.username, turn.credential)).toBe(true);
  });

  it('refuses a tampered credential, another user name with it, and an expired one', async () => {
    const { alice, turn } = await turnServerOf();
    const [expiry] = turn.username.split(':');
    const tampered = (turn.credential.startsWith('A') ? 'B' : 'A') + turn.credential.slice(1);
    expect(await relaysWith(coturn, turn.username, tampered)).toBe(false);
    expect(await relaysWith(coturn, `${expiry}:ffffffffffffffffffffffff`, turn.credential)).toBe(false);
    const expired = signTurnCredential(SECRET, alice.id, -5);
    expect(await relaysWith(coturn, expired.username, expired.credential)).toBe(false);
  });
});
