import { describe, expect, it } from 'vitest';
import { callbackErrorMessage, oauthStartUrl, parseCallback } from './oauth';

describe('oauthStartUrl', () => {
  it("asks the server to come back to this app's callback page", () => {
    expect(oauthStartUrl('github', 'https://chat.example')).toBe(
      '/api/v1/auth/github?returnTo=https%3A%2F%2Fchat.example%2Fauth%2Fcallback',
    );
  });
});

describe('parseCallback', () => {
  it('reads a login code', () => {
    expect(parseCallback('?code=abc')).toEqual({ kind: 'code', code: 'abc' });
  });

  it('reads a linked provider, and only a known one', () => {
    expect(parseCallback('?linked=google')).toEqual({ kind: 'linked', provider: 'google' });
    expect(parseCallback('?linked=myspace')).toEqual({ kind: 'invalid' });
  });

  it('prefers an error over anything else', () => {
    expect(parseCallback('?code=abc&error=state_mismatch')).toEqual({
      kind: 'error',
      error: 'state_mismatch',
    });
  });

  it('reports nothing usable as invalid', () => {
    expect(parseCallback('')).toEqual({ kind: 'invalid' });
  });
});

describe('callbackErrorMessage', () => {
  it('explains an existing unverified account: sign in with the password and link in settings', () => {
    const message = callbackErrorMessage('account_exists_unverified');
    expect(message).toMatch(/password/);
    expect(message).toMatch(/Settings/);
  });

  it('has a message for every documented redirect error, and a fallback', () => {
    const documented = [
      'access_denied',
      'state_mismatch',
      'account_exists_unverified',
      'already_linked',
      'linked_to_another_user',
      'provider_error',
    ];
    const fallback = callbackErrorMessage('something_new');
    for (const code of documented) {
      expect(callbackErrorMessage(code)).not.toBe(fallback);
    }
  });
});
