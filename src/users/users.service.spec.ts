import { escapeRegex } from './users.service';

describe('escapeRegex', () => {
  it('makes every regex metacharacter literal', () => {
    const input = '.*+?^${}()|[]\\';
    expect(new RegExp(`^${escapeRegex(input)}$`).test(input)).toBe(true);
    expect(new RegExp(escapeRegex('a.c')).test('abc')).toBe(false);
  });
});
