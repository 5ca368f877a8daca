import { decodeCursor, encodeCursor } from './cursor';

const isKey = (value: unknown): value is { t: number; id: string } =>
  typeof (value as { t?: unknown }).t === 'number' && typeof (value as { id?: unknown }).id === 'string';

describe('cursor', () => {
  it('round-trips a sort key', () => {
    expect(decodeCursor(encodeCursor({ t: 5, id: 'abc' }), isKey)).toEqual({ t: 5, id: 'abc' });
  });

  it('rejects tampered or foreign cursors as a validation error', () => {
    for (const bad of [
      'not-base64-json',
      encodeCursor({ x: 1 }),
      Buffer.from('null').toString('base64url'),
    ]) {
      expect(() => decodeCursor(bad, isKey)).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED' }));
    }
  });
});
