import { escapeRegex } from './users.service';

describe('escapeRegex', () => {
  it('makes every regex metacharacter literal', () => {
    const input = '.*+?^${}()|[]\\';
    expect(new RegExp(`^${escapeRegex(input)}$`).test(input)).toBe(true);
    expect(new RegExp(escapeRegex('a.c')).test('abc')).toBe(false);
  });

  it('escapes a NUL, which a BSON regex cannot hold, and still matches it literally', () => {
    const pattern = escapeRegex('a\u0000b');
    expect(pattern).not.toContain('\u0000');
    expect(new RegExp(`^${pattern}$`).test('a\u0000b')).toBe(true);
  });
});
