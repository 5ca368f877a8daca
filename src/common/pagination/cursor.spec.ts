import { z } from 'zod';
import { cursorTimestampSchema, decodeCursor, encodeCursor } from './cursor';

const keySchema = z.strictObject({ t: cursorTimestampSchema, id: z.string() });

describe('cursor', () => {
  it('round-trips a sort key', () => {
    expect(decodeCursor(encodeCursor({ t: 5, id: 'abc' }), keySchema)).toEqual({ t: 5, id: 'abc' });
    expect(decodeCursor(encodeCursor({ t: 8.64e15, id: 'abc' }), keySchema)).toEqual({
      t: 8.64e15,
      id: 'abc',
    });
  });

  it('rejects tampered or foreign cursors as a validation error', () => {
    for (const bad of [
      'not-base64-json',
      encodeCursor({ x: 1 }),
      Buffer.from('null').toString('base64url'),
      encodeCursor({ t: 1, id: 'abc', extra: 1 }),
    ]) {
      expect(() => decodeCursor(bad, keySchema)).toThrow(
        expect.objectContaining({ code: 'VALIDATION_FAILED' }),
      );
    }
  });

  it('rejects timestamps no Date holds or the server never issues', () => {
    for (const t of [1e300, 8.64e15 + 1, -1, -1e300, 1.5]) {
      expect(() => decodeCursor(encodeCursor({ t, id: 'abc' }), keySchema)).toThrow(
        expect.objectContaining({ code: 'VALIDATION_FAILED' }),
      );
    }
  });
});
