import { describe, expect, it } from 'vitest';
import { keyState, newKeyBody } from './api-key-rules';

const NOW = new Date(2026, 2, 10, 12, 0).getTime();

describe('API key rules', () => {
  it('reads a key as revoked, expired or active', () => {
    expect(keyState({ revokedAt: '2026-03-01T00:00:00.000Z', expiresAt: null }, NOW)).toBe('revoked');
    expect(keyState({ revokedAt: null, expiresAt: new Date(NOW - 1).toISOString() }, NOW)).toBe('expired');
    expect(keyState({ revokedAt: null, expiresAt: new Date(NOW + 1).toISOString() }, NOW)).toBe('active');
    expect(keyState({ revokedAt: null, expiresAt: null }, NOW)).toBe('active');
  });

  it('builds the create body, the key working to the end of its last day', () => {
    expect(newKeyBody('  billing ', ['notify:send'], '', NOW)).toEqual({
      ok: true,
      body: { name: 'billing', scopes: ['notify:send'] },
    });
    const dated = newKeyBody('billing', ['notify:send'], '2026-04-01', NOW);
    expect(dated.ok && dated.body.expiresAt).toBe(new Date(2026, 3, 1, 23, 59, 59).toISOString());
  });

  it('refuses a missing name, no scope, or a day already over', () => {
    expect(newKeyBody(' ', [], '2026-03-09', NOW)).toEqual({
      ok: false,
      errors: {
        name: 'Name the key after the service that will use it.',
        scopes: 'Choose at least one scope.',
        expiresOn: 'Choose a day in the future.',
      },
    });
  });
});
