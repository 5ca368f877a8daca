import { signTurnCredential, turnPassword } from './turn-credentials';

describe('TURN credentials (coturn REST-API scheme)', () => {
  const secret = 'parley-turn-test-secret';
  const userId = '64b7f0c2a1b2c3d4e5f60718';

  it('names the expiry and the user in the username', () => {
    const signed = signTurnCredential(secret, userId, 3600, 1_700_000_000_123);
    expect(signed.username).toBe(`1700003600:${userId}`);
    expect(signed.expiresAt).toBe(1_700_003_600);
  });

  it('signs the username with HMAC-SHA1 of the shared secret, in base64, as coturn computes it', () => {
    // printf '%s' '1700003600:64b7f0c2a1b2c3d4e5f60718' \
    //   | openssl dgst -sha1 -hmac 'parley-turn-test-secret' -binary | base64
    expect(signTurnCredential(secret, userId, 3600, 1_700_000_000_000).credential).toBe(
      'VPiPVkrVho1gClaXcvRwNFQgI0Y=',
    );
    expect(turnPassword(secret, `1700003600:${userId}`)).toBe('VPiPVkrVho1gClaXcvRwNFQgI0Y=');
  });

  it('gives another password for another secret, user or expiry', () => {
    const base = signTurnCredential(secret, userId, 3600, 1_700_000_000_000).credential;
    expect(signTurnCredential(`${secret}!`, userId, 3600, 1_700_000_000_000).credential).not.toBe(base);
    expect(
      signTurnCredential(secret, 'ffffffffffffffffffffffff', 3600, 1_700_000_000_000).credential,
    ).not.toBe(base);
    expect(signTurnCredential(secret, userId, 3601, 1_700_000_000_000).credential).not.toBe(base);
  });
});
