import { apiKeyOfHeader, formatApiKey, hashSecret, newSecret, secretHashesMatch } from './api-key-secret';

const KEY_ID = '65f1a2b3c4d5e6f7a8b9c0d1';

describe('API key secrets', () => {
  it('formats a key that the header parser reads back', () => {
    const secret = newSecret();
    expect(secret).toHaveLength(43);
    const key = formatApiKey({ keyId: KEY_ID, secret });
    expect(key).toBe(`prk_${KEY_ID}_${secret}`);
    expect(apiKeyOfHeader(`Bearer ${key}`)).toEqual({ keyId: KEY_ID, secret });
    expect(apiKeyOfHeader(`bearer  ${key}`)).toEqual({ keyId: KEY_ID, secret });
  });

  it('makes a different secret every time', () => {
    expect(new Set(Array.from({ length: 50 }, newSecret)).size).toBe(50);
  });

  it.each([
    undefined,
    '',
    'Bearer',
    'Basic abc',
    `Bearer prk_${KEY_ID}`,
    `Bearer prk_${KEY_ID}_short`,
    `Bearer prk_${KEY_ID.toUpperCase()}_${'a'.repeat(43)}`,
    `Bearer xyz_${KEY_ID}_${'a'.repeat(43)}`,
    `Bearer prk_${KEY_ID}_${'a'.repeat(44)}`,
    `Bearer prk_${KEY_ID}_${'a'.repeat(42)}=`,
    'Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln',
    `Bearer prk_${KEY_ID}_${'a'.repeat(43)} extra`,
  ])('refuses %p', (header) => {
    expect(apiKeyOfHeader(header)).toBeUndefined();
  });

  it('matches a secret only against its own hash', () => {
    const secret = newSecret();
    expect(secretHashesMatch(hashSecret(secret), hashSecret(secret))).toBe(true);
    expect(secretHashesMatch(hashSecret(secret), hashSecret(newSecret()))).toBe(false);
    expect(secretHashesMatch(hashSecret(secret), '')).toBe(false);
    expect(secretHashesMatch(hashSecret(secret), 'abcd')).toBe(false);
  });
});
