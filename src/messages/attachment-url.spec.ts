import { isUnderAllowedPrefix } from './attachment-url';

describe('isUnderAllowedPrefix', () => {
  const prefixes = ['https://res.cloudinary.com/parley/', 'https://media.parley.example/'];

  it('accepts URLs under a prefix', () => {
    expect(isUnderAllowedPrefix('https://res.cloudinary.com/parley/image/upload/v1/a.png', prefixes)).toBe(
      true,
    );
    expect(isUnderAllowedPrefix('https://MEDIA.parley.example:443/f/report.pdf', prefixes)).toBe(true);
  });

  it('refuses other hosts, other accounts on a shared host and look-alike paths', () => {
    expect(isUnderAllowedPrefix('https://tracker.example/pixel.png', prefixes)).toBe(false);
    expect(isUnderAllowedPrefix('https://res.cloudinary.com/someone-else/image/upload/a.png', prefixes)).toBe(
      false,
    );
    expect(isUnderAllowedPrefix('https://res.cloudinary.com/parley-evil/a.png', prefixes)).toBe(false);
    expect(isUnderAllowedPrefix('http://res.cloudinary.com/parley/a.png', prefixes)).toBe(false);
  });

  it('does not let dot segments or another port step outside a prefix', () => {
    expect(isUnderAllowedPrefix('https://res.cloudinary.com/parley/../evil/a.png', prefixes)).toBe(false);
    expect(isUnderAllowedPrefix('https://res.cloudinary.com/parley/%2e%2e/evil/a.png', prefixes)).toBe(false);
    expect(isUnderAllowedPrefix('https://media.parley.example:8443/a.png', prefixes)).toBe(false);
    expect(isUnderAllowedPrefix('https://media.parley.example.evil.example/a.png', prefixes)).toBe(false);
  });
});
