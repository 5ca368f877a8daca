import { allowedReturnTo, withParam } from './return-to';

const allowed = ['https://app.example', 'http://localhost:5173'];

describe('allowedReturnTo', () => {
  it.each([
    'https://app.example/',
    'https://app.example/after/login?tab=2',
    'http://localhost:5173/oauth/done',
  ])('accepts %s, which is on an allowed origin', (value) => {
    expect(allowedReturnTo(value, allowed)?.toString()).toBe(new URL(value).toString());
  });

  it.each([
    '//evil.example/',
    '/relative/path',
    'https://evil.example/',
    'https://app.example.evil.example/',
    'http://app.example/',
    'https://app.example:8443/',
    'javascript:alert(1)',
    'data:text/html,hi',
    'https://user:pass@app.example/',
    'not a url',
  ])('refuses %s', (value) => {
    expect(allowedReturnTo(value, allowed)).toBeUndefined();
  });

  it('refuses everything when no origin is allowed', () => {
    expect(allowedReturnTo('https://app.example/', [])).toBeUndefined();
  });
});

describe('withParam', () => {
  it('adds a parameter and keeps the existing query', () => {
    expect(withParam('https://app.example/done?tab=2', 'code', 'abc')).toBe(
      'https://app.example/done?tab=2&code=abc',
    );
  });
});
