import { afterEach, describe, expect, it } from 'vitest';
import { rememberNext, safeNext, takeNext } from './next-path';

describe('safeNext', () => {
  it('keeps a same-app path with its query', () => {
    expect(safeNext('/c/abc?focus=1')).toBe('/c/abc?focus=1');
    expect(safeNext('/settings')).toBe('/settings');
  });

  it.each([
    [null],
    [''],
    ['https://evil.example/'],
    ['//evil.example'],
    ['/\\evil.example'],
    ['/\t/evil.example'],
    ['javascript:alert(1)'],
    ['c/abc'],
  ])('refuses %j and goes home instead', (next) => {
    expect(safeNext(next)).toBe('/');
  });

  it('does not send a signed-in user back to an auth page', () => {
    expect(safeNext('/login')).toBe('/');
    expect(safeNext('/auth/callback?code=x')).toBe('/');
    expect(safeNext('/loginx')).toBe('/loginx');
  });
});

describe('rememberNext / takeNext', () => {
  afterEach(() => sessionStorage.clear());

  it('keeps the path across the provider round trip, once', () => {
    rememberNext('/c/123');
    expect(takeNext()).toBe('/c/123');
    expect(takeNext()).toBe('/');
  });

  it('checks what storage holds again (it may have been tampered with)', () => {
    sessionStorage.setItem('parley.oauth.next', '//evil.example');
    expect(takeNext()).toBe('/');
  });
});
