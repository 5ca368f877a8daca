import { loadConfig } from '../config/load-config';
import { attachmentOrigins, contentSecurityPolicy } from './content-security-policy';

const base = {
  MONGODB_URI: 'mongodb://127.0.0.1:27017/parley',
  REDIS_URL: 'redis://127.0.0.1:6379',
  JWT_ACCESS_SECRET: 'a-development-secret-of-enough-length',
};
const CLOUDINARY_URL = 'cloudinary://1234:secret@demo';
const CLOUDINARY_AUTH_TOKEN_KEY = '00112233445566778899aabbccddeeff';

describe('attachmentOrigins', () => {
  it('is empty without Cloudinary or attachment prefixes', () => {
    expect(attachmentOrigins(loadConfig(base))).toEqual([]);
  });

  it("is Cloudinary's delivery host when uploads go to Cloudinary", () => {
    expect(attachmentOrigins(loadConfig({ ...base, CLOUDINARY_URL, CLOUDINARY_AUTH_TOKEN_KEY }))).toEqual([
      'https://res.cloudinary.com',
    ]);
    expect(
      attachmentOrigins(
        loadConfig({
          ...base,
          CLOUDINARY_URL,
          CLOUDINARY_AUTH_TOKEN_KEY,
          CLOUDINARY_API_BASE: 'https://api-eu.cloudinary.com',
        }),
      ),
    ).toEqual(['https://res.cloudinary.com']);
  });

  it('is the delivery base instead when one is set (the stand-in), with the origins of the attachment prefixes, once each', () => {
    const config = loadConfig({
      ...base,
      CLOUDINARY_URL,
      CLOUDINARY_AUTH_TOKEN_KEY,
      CLOUDINARY_API_BASE: 'http://127.0.0.1:4567',
      CLOUDINARY_DELIVERY_BASE: 'http://127.0.0.1:4567',
      ATTACHMENT_URL_PREFIXES:
        'https://res.cloudinary.com/demo/,https://files.example.org/chat/,https://files.example.org/b/',
    });
    expect(attachmentOrigins(config).sort()).toEqual(
      ['http://127.0.0.1:4567', 'https://files.example.org', 'https://res.cloudinary.com'].sort(),
    );
  });
});

describe('contentSecurityPolicy', () => {
  it('allows no inline script or style, no framing, and attachments only from their origins', () => {
    const directives = contentSecurityPolicy(
      loadConfig({ ...base, CLOUDINARY_URL, CLOUDINARY_AUTH_TOKEN_KEY }),
    );
    expect(directives['script-src']).toEqual(["'self'"]);
    expect(directives['style-src']).toEqual(["'self'"]);
    expect(directives['frame-ancestors']).toEqual(["'none'"]);
    expect(directives['form-action']).toEqual(["'self'"]);
    expect(directives['img-src']).toEqual(["'self'", 'data:', 'blob:', 'https://res.cloudinary.com']);
    expect(directives['media-src']).toEqual(["'self'", 'blob:', 'https://res.cloudinary.com']);
  });
});
