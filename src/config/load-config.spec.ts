import { resolve } from 'node:path';
import { generateVAPIDKeys } from 'web-push';
import { ConfigError, loadConfig } from './load-config';

const valid = {
  MONGODB_URI: 'mongodb://127.0.0.1:27017/parley',
  REDIS_URL: 'redis://127.0.0.1:6379',
  JWT_ACCESS_SECRET: 'a-development-secret-of-enough-length',
};

function problemsOf(env: NodeJS.ProcessEnv): readonly string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) {
      return error.problems;
    }
    throw error;
  }
  throw new Error('expected loadConfig to fail');
}

describe('loadConfig', () => {
  it('returns a typed config with defaults applied', () => {
    const config = loadConfig(valid);
    expect(config.http.port).toBe(3000);
    expect(config.mongo.uri).toBe(valid.MONGODB_URI);
    expect(config.isProduction).toBe(false);
  });

  it('lets OAuth logins return to the web client by default, and to the listed origins when set', () => {
    expect(loadConfig(valid).oauth.allowedRedirects).toEqual(['http://localhost:3000']);
    expect(
      loadConfig({ ...valid, PUBLIC_WEB_URL: 'https://chat.example/app' }).oauth.allowedRedirects,
    ).toEqual(['https://chat.example']);
    expect(
      loadConfig({ ...valid, OAUTH_ALLOWED_REDIRECTS: 'https://a.example,https://b.example' }).oauth
        .allowedRedirects,
    ).toEqual(['https://a.example', 'https://b.example']);
  });

  it('serves the web client from web/dist under the working directory unless WEB_DIST_DIR is set or empty', () => {
    expect(loadConfig(valid).web.distDir).toBe(resolve(process.cwd(), 'web/dist'));
    expect(loadConfig({ ...valid, WEB_DIST_DIR: '/srv/parley-web' }).web.distDir).toBe('/srv/parley-web');
    expect(loadConfig({ ...valid, WEB_DIST_DIR: '' }).web.distDir).toBeNull();
  });

  it('keeps audit records 10 days by default, swept hourly; both configurable within bounds', () => {
    expect(loadConfig(valid).audit).toEqual({ retentionDays: 10, retentionSweepMs: 3_600_000 });
    expect(
      loadConfig({ ...valid, AUDIT_RETENTION_DAYS: '90', AUDIT_RETENTION_SWEEP_MS: '60000' }).audit,
    ).toEqual({ retentionDays: 90, retentionSweepMs: 60_000 });
    expect(problemsOf({ ...valid, AUDIT_RETENTION_DAYS: '0', AUDIT_RETENTION_SWEEP_MS: '10' })).toEqual([
      expect.stringMatching(/^AUDIT_RETENTION_DAYS:/),
      expect.stringMatching(/^AUDIT_RETENTION_SWEEP_MS:/),
    ]);
  });

  it('keeps inbox entries 90 days by default, swept hourly; both configurable, the days in fractions', () => {
    expect(loadConfig(valid).inbox).toEqual({ retentionMs: 90 * 86_400_000, retentionSweepMs: 3_600_000 });
    expect(
      loadConfig({ ...valid, NOTIFICATION_RETENTION_DAYS: '0.5', NOTIFICATION_RETENTION_SWEEP_MS: '200' })
        .inbox,
    ).toEqual({ retentionMs: 43_200_000, retentionSweepMs: 200 });
    expect(
      problemsOf({ ...valid, NOTIFICATION_RETENTION_DAYS: '0', NOTIFICATION_RETENTION_SWEEP_MS: '10' }),
    ).toEqual([
      expect.stringMatching(/^NOTIFICATION_RETENTION_DAYS:/),
      expect.stringMatching(/^NOTIFICATION_RETENTION_SWEEP_MS:/),
    ]);
    expect(problemsOf({ ...valid, NOTIFICATION_RETENTION_DAYS: '3651' })).toEqual([
      expect.stringMatching(/^NOTIFICATION_RETENTION_DAYS:/),
    ]);
  });

  it('refuses a refresh grace of 0 seconds, which Redis could not store', () => {
    expect(problemsOf({ ...valid, REFRESH_REUSE_GRACE_SECONDS: '0' }).join('\n')).toContain(
      'REFRESH_REUSE_GRACE_SECONDS',
    );
  });

  it('freezes the config so nothing can change it at run time', () => {
    const config = loadConfig(valid);
    expect(Object.isFrozen(config.http)).toBe(true);
    expect(() => {
      (config.http as { port: number }).port = 1;
    }).toThrow(TypeError);
  });

  it('lists every problem at once, not only the first', () => {
    const problems = problemsOf({ PORT: 'eighty', REDIS_URL: 'http://nope' });
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^MONGODB_URI:/),
        expect.stringMatching(/^REDIS_URL:/),
        expect.stringMatching(/^PORT:/),
        expect.stringMatching(/^JWT_ACCESS_SECRET:/),
      ]),
    );
  });

  it('treats empty values as unset so defaults apply', () => {
    expect(loadConfig({ ...valid, PORT: '' }).http.port).toBe(3000);
  });

  it('splits CORS_ORIGINS into a list', () => {
    const config = loadConfig({ ...valid, CORS_ORIGINS: 'https://a.example.org, https://b.example.org' });
    expect(config.http.corsOrigins).toEqual(['https://a.example.org', 'https://b.example.org']);
  });

  it('takes attachment URL prefixes normalised, each ending in "/" (none: any URL)', () => {
    expect(loadConfig(valid).messages.attachmentUrlPrefixes).toEqual([]);
    const config = loadConfig({
      ...valid,
      ATTACHMENT_URL_PREFIXES: 'https://RES.cloudinary.com:443/parley/, https://media.example/',
    });
    expect(config.messages.attachmentUrlPrefixes).toEqual([
      'https://res.cloudinary.com/parley/',
      'https://media.example/',
    ]);
    for (const prefixes of [
      'https://res.cloudinary.com/parley',
      'res.cloudinary.com/parley/',
      'ftp://x.example/',
    ]) {
      expect(problemsOf({ ...valid, ATTACHMENT_URL_PREFIXES: prefixes })).toEqual([
        expect.stringMatching(/^ATTACHMENT_URL_PREFIXES/),
      ]);
    }
  });

  const productionKeys = {
    MESSAGE_ENCRYPTION_KEYS: `k1:${Buffer.alloc(32, 7).toString('base64')}`,
    SEARCH_INDEX_KEYS: `s1:${Buffer.alloc(32, 8).toString('base64')}`,
  };

  it('requires its own message and search keys in production, and rejects malformed ones anywhere', () => {
    expect(problemsOf({ ...valid, NODE_ENV: 'production', JWT_ACCESS_SECRET: 'q'.repeat(40) })).toEqual([
      expect.stringMatching(/^MESSAGE_ENCRYPTION_KEYS: must be at least 32/),
      expect.stringMatching(/^SEARCH_INDEX_KEYS: must be at least 32/),
    ]);
    expect(problemsOf({ ...valid, MESSAGE_ENCRYPTION_KEYS: 'k1:tooshort' })).toEqual([
      expect.stringMatching(/^MESSAGE_ENCRYPTION_KEYS: each key must be/),
    ]);
    expect(problemsOf({ ...valid, SEARCH_INDEX_KEYS: 'k1:tooshort' })).toEqual([
      expect.stringMatching(/^SEARCH_INDEX_KEYS: each key must be/),
    ]);
    const twice = `${productionKeys.SEARCH_INDEX_KEYS},${productionKeys.SEARCH_INDEX_KEYS}`;
    expect(problemsOf({ ...valid, SEARCH_INDEX_KEYS: twice })).toEqual([
      expect.stringMatching(/^SEARCH_INDEX_KEYS: key id s1 appears twice/),
    ]);
  });

  it('searches with a public development key unless given keys, with bounded queries flushed each second', () => {
    expect(loadConfig(valid).search).toEqual({
      indexKeys: expect.stringMatching(/^dev:/),
      maxQueryChars: 256,
      maxTerms: 16,
      indexFlushMs: 1000,
    });
    const config = loadConfig({
      ...valid,
      ...productionKeys,
      SEARCH_MAX_QUERY_CHARS: '100',
      SEARCH_MAX_TERMS: '4',
      SEARCH_INDEX_FLUSH_MS: '100',
    });
    expect(config.search).toEqual({
      indexKeys: productionKeys.SEARCH_INDEX_KEYS,
      maxQueryChars: 100,
      maxTerms: 4,
      indexFlushMs: 100,
    });
    expect(problemsOf({ ...valid, SEARCH_MAX_TERMS: '0', SEARCH_INDEX_FLUSH_MS: 'soon' })).toEqual([
      expect.stringMatching(/^SEARCH_MAX_TERMS:/),
      expect.stringMatching(/^SEARCH_INDEX_FLUSH_MS:/),
    ]);
  });

  it('refuses short or placeholder secrets in production only', () => {
    expect(() =>
      loadConfig({ ...valid, JWT_ACCESS_SECRET: 'change-me-change-me-change-me-12345' }),
    ).not.toThrow();
    expect(
      problemsOf({
        ...valid,
        ...productionKeys,
        NODE_ENV: 'production',
        JWT_ACCESS_SECRET: 'short-but-valid-dev',
      }),
    ).toEqual([expect.stringMatching(/^JWT_ACCESS_SECRET: must be at least 32/)]);
    expect(
      problemsOf({
        ...valid,
        ...productionKeys,
        NODE_ENV: 'production',
        JWT_ACCESS_SECRET: 'change-me-change-me-change-me-12345',
      }),
    ).toEqual([expect.stringMatching(/^JWT_ACCESS_SECRET: looks like a placeholder/)]);
  });

  it('accepts a long random secret in production', () => {
    const config = loadConfig({
      ...valid,
      ...productionKeys,
      NODE_ENV: 'production',
      JWT_ACCESS_SECRET: 'q'.repeat(20) + 'Zr8n3LkP0vW2xYt7',
    });
    expect(config.isProduction).toBe(true);
  });

  it('waits 15 minutes before emailing unread mentions by default, configurable within a day', () => {
    expect(loadConfig(valid).notifications).toEqual({ emailDelayMinutes: 15 });
    expect(loadConfig({ ...valid, NOTIFY_EMAIL_DELAY_MINUTES: '60' }).notifications.emailDelayMinutes).toBe(
      60,
    );
    expect(loadConfig({ ...valid, NOTIFY_EMAIL_DELAY_MINUTES: '0.05' }).notifications.emailDelayMinutes).toBe(
      0.05,
    );
    expect(() => loadConfig({ ...valid, NOTIFY_EMAIL_DELAY_MINUTES: '0' })).toThrow(
      /NOTIFY_EMAIL_DELAY_MINUTES/,
    );
  });
});

describe('Web Push configuration', () => {
  const keys = generateVAPIDKeys();
  const vapid = {
    WEB_PUSH_VAPID_PUBLIC_KEY: keys.publicKey,
    WEB_PUSH_VAPID_PRIVATE_KEY: keys.privateKey,
    WEB_PUSH_SUBJECT: 'mailto:ops@parley.example',
  };

  it("is off when no key is set, with previews on and the browsers' push services allowed by default", () => {
    expect(loadConfig(valid).webPush).toEqual({
      vapid: null,
      includePreview: true,
      endpointHosts: expect.arrayContaining(['fcm.googleapis.com', 'updates.push.services.mozilla.com']),
    });
  });

  it('is on with all three settings', () => {
    const config = loadConfig({
      ...valid,
      ...vapid,
      WEB_PUSH_INCLUDE_PREVIEW: 'false',
      WEB_PUSH_ENDPOINT_HOSTS: 'push.example, fcm.googleapis.com',
    });
    expect(config.webPush).toEqual({
      vapid: { subject: vapid.WEB_PUSH_SUBJECT, publicKey: keys.publicKey, privateKey: keys.privateKey },
      includePreview: false,
      endpointHosts: ['push.example', 'fcm.googleapis.com'],
    });
  });

  it('accepts an https subject', () => {
    expect(() =>
      loadConfig({ ...valid, ...vapid, WEB_PUSH_SUBJECT: 'https://parley.example/contact' }),
    ).not.toThrow();
  });

  it('refuses a partial set', () => {
    expect(problemsOf({ ...valid, WEB_PUSH_VAPID_PUBLIC_KEY: keys.publicKey })).toEqual([
      expect.stringMatching(/set all three to enable Web Push, or none/),
    ]);
  });

  it('refuses malformed keys and subjects', () => {
    const problems = problemsOf({
      ...valid,
      WEB_PUSH_VAPID_PUBLIC_KEY: 'not a key',
      WEB_PUSH_VAPID_PRIVATE_KEY: Buffer.alloc(31, 1).toString('base64url'),
      WEB_PUSH_SUBJECT: 'http://parley.example',
    });
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^WEB_PUSH_VAPID_PUBLIC_KEY:/),
        expect.stringMatching(/^WEB_PUSH_VAPID_PRIVATE_KEY:/),
        expect.stringMatching(/^WEB_PUSH_SUBJECT:/),
      ]),
    );
  });

  it('refuses a public key that does not belong to the private key', () => {
    const other = generateVAPIDKeys();
    expect(problemsOf({ ...valid, ...vapid, WEB_PUSH_VAPID_PUBLIC_KEY: other.publicKey })).toEqual([
      'WEB_PUSH_VAPID_PUBLIC_KEY: is not the public key of WEB_PUSH_VAPID_PRIVATE_KEY',
    ]);
  });
});

describe('Calls configuration (ICE servers)', () => {
  const turn = {
    TURN_URLS: 'turn:turn.parley.example:3478?transport=udp, turns:turn.parley.example:5349',
    TURN_SHARED_SECRET: 'a-turn-secret-of-enough-length',
  };

  it('offers no STUN or TURN server by default (no third-party default), credentials valid an hour', () => {
    expect(loadConfig(valid).calls).toEqual({
      stunUrls: [],
      turn: null,
      credentialTtlSeconds: 3600,
      ringTimeoutSeconds: 45,
      reconnectGraceSeconds: 20,
      maxParticipants: 8,
      signalMaxBytes: 65_536,
      signalsPerSecond: 60,
    });
  });

  it('takes STUN and TURN URLs as lists, with the shared secret and TTL', () => {
    const config = loadConfig({
      ...valid,
      ...turn,
      STUN_URLS: 'stun:stun.parley.example:3478',
      TURN_CREDENTIAL_TTL_SECONDS: '600',
    });
    expect(config.calls).toMatchObject({
      stunUrls: ['stun:stun.parley.example:3478'],
      turn: {
        urls: ['turn:turn.parley.example:3478?transport=udp', 'turns:turn.parley.example:5349'],
        sharedSecret: turn.TURN_SHARED_SECRET,
      },
      credentialTtlSeconds: 600,
    });
  });

  it('takes the call timers and limits', () => {
    const config = loadConfig({
      ...valid,
      CALL_RING_TIMEOUT_SECONDS: '30',
      CALL_RECONNECT_GRACE_SECONDS: '10',
      CALL_MAX_PARTICIPANTS: '4',
      CALL_SIGNAL_MAX_BYTES: '8192',
      CALL_SIGNALS_PER_SECOND: '20',
    });
    expect(config.calls).toMatchObject({
      ringTimeoutSeconds: 30,
      reconnectGraceSeconds: 10,
      maxParticipants: 4,
      signalMaxBytes: 8192,
      signalsPerSecond: 20,
    });
    expect(problemsOf({ ...valid, CALL_MAX_PARTICIPANTS: '1', CALL_SIGNAL_MAX_BYTES: '10' })).toEqual([
      expect.stringMatching(/^CALL_MAX_PARTICIPANTS: /),
      expect.stringMatching(/^CALL_SIGNAL_MAX_BYTES: /),
    ]);
  });

  it('requires TURN_SHARED_SECRET with TURN_URLS, and ignores a secret without URLs', () => {
    expect(problemsOf({ ...valid, TURN_URLS: turn.TURN_URLS })).toEqual([
      expect.stringMatching(/^TURN_SHARED_SECRET: required when TURN_URLS is set/),
    ]);
    expect(loadConfig({ ...valid, TURN_SHARED_SECRET: turn.TURN_SHARED_SECRET }).calls.turn).toBeNull();
  });

  it('refuses URLs of the wrong scheme, short secrets and a TTL out of bounds', () => {
    const problems = problemsOf({
      ...valid,
      TURN_URLS: 'https://turn.parley.example',
      TURN_SHARED_SECRET: 'short',
      STUN_URLS: 'turn:stun.parley.example',
      TURN_CREDENTIAL_TTL_SECONDS: '59',
    });
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^TURN_URLS/),
        expect.stringMatching(/^TURN_SHARED_SECRET:/),
        expect.stringMatching(/^STUN_URLS/),
        expect.stringMatching(/^TURN_CREDENTIAL_TTL_SECONDS:/),
      ]),
    );
    expect(problemsOf({ ...valid, TURN_CREDENTIAL_TTL_SECONDS: '86401' })).toEqual([
      expect.stringMatching(/^TURN_CREDENTIAL_TTL_SECONDS:/),
    ]);
  });

  const production = {
    ...valid,
    MESSAGE_ENCRYPTION_KEYS: `k1:${Buffer.alloc(32, 7).toString('base64')}`,
    SEARCH_INDEX_KEYS: `s1:${Buffer.alloc(32, 8).toString('base64')}`,
    NODE_ENV: 'production',
    JWT_ACCESS_SECRET: 'q'.repeat(20) + 'Zr8n3LkP0vW2xYt7',
  };

  it('holds the TURN secret to the production secret checks when it is set, and needs none without TURN', () => {
    expect(() => loadConfig(production)).not.toThrow();
    expect(problemsOf({ ...production, ...turn })).toEqual([
      expect.stringMatching(/^TURN_SHARED_SECRET: must be at least 32/),
    ]);
    expect(
      problemsOf({ ...production, ...turn, TURN_SHARED_SECRET: 'change-me-change-me-change-me-12345' }),
    ).toEqual([expect.stringMatching(/^TURN_SHARED_SECRET: looks like a placeholder/)]);
    expect(
      loadConfig({ ...production, ...turn, TURN_SHARED_SECRET: 'Zr8n3LkP0vW2xYt7'.repeat(3) }).calls.turn,
    ).not.toBeNull();
  });
});

describe('Media delivery configuration', () => {
  const CLOUDINARY_URL = 'cloudinary://1234:secret@demo';
  const KEY = '00112233445566778899AABBCCDDEEFF';

  it('signs URLs for an hour from Cloudinary’s CDN by default, and sweeps orphans after a day', () => {
    expect(loadConfig({ ...valid, CLOUDINARY_URL, CLOUDINARY_AUTH_TOKEN_KEY: KEY }).media).toEqual({
      deliveryBase: 'https://res.cloudinary.com',
      authTokenKey: KEY.toLowerCase(),
      urlTtlSeconds: 3600,
      orphanTtlMs: 24 * 3_600_000,
      orphanSweepMs: 3_600_000,
    });
  });

  it('requires the token key with CLOUDINARY_URL: attachments are delivered only through signed URLs', () => {
    expect(problemsOf({ ...valid, CLOUDINARY_URL })).toEqual([
      expect.stringMatching(/^CLOUDINARY_AUTH_TOKEN_KEY: required when CLOUDINARY_URL is set/),
    ]);
    expect(loadConfig(valid).media.authTokenKey).toBeNull();
  });

  it('refuses a key that is not hex, a delivery base with a path, and TTLs out of bounds', () => {
    const problems = problemsOf({
      ...valid,
      CLOUDINARY_URL,
      CLOUDINARY_AUTH_TOKEN_KEY: 'not-hex',
      CLOUDINARY_DELIVERY_BASE: 'https://cdn.example/media',
      UPLOAD_URL_TTL_SECONDS: '1',
      UPLOAD_ORPHAN_TTL_HOURS: '0',
    });
    expect(problems).toEqual([
      expect.stringMatching(/^CLOUDINARY_AUTH_TOKEN_KEY: /),
      expect.stringMatching(/^CLOUDINARY_DELIVERY_BASE: /),
      expect.stringMatching(/^UPLOAD_URL_TTL_SECONDS: /),
      expect.stringMatching(/^UPLOAD_ORPHAN_TTL_HOURS: /),
    ]);
  });
});
