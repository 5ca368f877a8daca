import { describe, expect, it } from 'vitest';
import { hueOf, initialsOf, typingLine } from './names';

describe('names', () => {
  it('makes initials from the first and last word', () => {
    expect(initialsOf('Ann Marie Lee')).toBe('AL');
    expect(initialsOf('zoë')).toBe('Z');
    expect(initialsOf('  ')).toBe('?');
  });

  it('says who is typing', () => {
    expect(typingLine([])).toBe('');
    expect(typingLine(['Ann'])).toBe('Ann is typing…');
    expect(typingLine(['Ann', 'Bob'])).toBe('Ann and Bob are typing…');
    expect(typingLine(['Ann', 'Bob', 'Cy'])).toBe('3 people are typing…');
  });

  it('gives each id one hue', () => {
    expect(hueOf('abc')).toBe(hueOf('abc'));
    expect(hueOf('abc')).toBeGreaterThanOrEqual(0);
    expect(hueOf('abc')).toBeLessThan(360);
  });
});
