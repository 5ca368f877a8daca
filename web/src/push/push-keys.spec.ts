import { describe, expect, it } from 'vitest';
import { base64UrlToBytes, subscriptionBody } from './push-keys';

describe('base64UrlToBytes', () => {
  it('decodes URL-safe, unpadded base64 (a VAPID key is 65 bytes starting with 0x04)', () => {
    const key = new Uint8Array(65).map((_, index) => (index === 0 ? 4 : (index * 37) % 256));
    const encoded = btoa(String.fromCharCode(...key))
      .replace(/\+/g, '-')
      .replace(/\//g, '_')
      .replace(/=+$/, '');
    expect(encoded).not.toContain('=');
    expect(Array.from(base64UrlToBytes(encoded))).toEqual(Array.from(key));
  });

  it('uses - and _ for the bytes standard base64 writes as + and /', () => {
    expect(Array.from(base64UrlToBytes('-_8'))).toEqual([0xfb, 0xff]);
    expect(Array.from(base64UrlToBytes('+/8='))).toEqual([0xfb, 0xff]);
  });

  it('refuses text that is not base64', () => {
    expect(() => base64UrlToBytes('not a key!')).toThrow('malformed push key');
    expect(() => base64UrlToBytes('abcde')).toThrow('malformed push key');
  });
});

describe('subscriptionBody', () => {
  const keys = { p256dh: 'BNc…', auth: 'tBH…' };

  it('keeps only what the server takes', () => {
    const json = {
      endpoint: 'https://fcm.googleapis.com/fcm/send/x',
      expirationTime: 123,
      keys: { ...keys, extra: 'x' },
    };
    expect(subscriptionBody(json)).toEqual({ endpoint: json.endpoint, expirationTime: 123, keys });
  });

  it('sends a missing expiration time as null', () => {
    expect(subscriptionBody({ endpoint: 'https://e', keys }).expirationTime).toBeNull();
  });

  it('refuses a subscription without keys', () => {
    expect(() => subscriptionBody({ endpoint: 'https://e' })).toThrow('without its keys');
  });
});
