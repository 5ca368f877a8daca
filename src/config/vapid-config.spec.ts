import { generateVAPIDKeys } from 'web-push';
import { ConfigError, loadConfig } from './load-config';

const base = {
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
  return [];
}

describe('Web Push configuration', () => {
  const keys = generateVAPIDKeys();
  const vapid = {
    WEB_PUSH_VAPID_PUBLIC_KEY: keys.publicKey,
    WEB_PUSH_VAPID_PRIVATE_KEY: keys.privateKey,
    WEB_PUSH_SUBJECT: 'mailto:ops@parley.example',
  };

  it("is off when no key is set, with previews on and the browsers' push services allowed by default", () => {
    expect(loadConfig(base).webPush).toEqual({
      vapid: null,
      includePreview: true,
      endpointHosts: expect.arrayContaining(['fcm.googleapis.com', 'updates.push.services.mozilla.com']),
    });
  });

  it('is on with all three settings', () => {
    const config = loadConfig({
      ...base,
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
    expect(problemsOf({ ...base, ...vapid, WEB_PUSH_SUBJECT: 'https://parley.example/contact' })).toEqual([]);
  });

  it('refuses a partial set', () => {
    expect(problemsOf({ ...base, WEB_PUSH_VAPID_PUBLIC_KEY: keys.publicKey })).toEqual([
      expect.stringMatching(/set all three to enable Web Push, or none/),
    ]);
  });

  it('refuses malformed keys and subjects', () => {
    const problems = problemsOf({
      ...base,
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
    expect(problemsOf({ ...base, ...vapid, WEB_PUSH_VAPID_PUBLIC_KEY: other.publicKey })).toEqual([
      'WEB_PUSH_VAPID_PUBLIC_KEY: is not the public key of WEB_PUSH_VAPID_PRIVATE_KEY',
    ]);
  });
});
