import { CommonError } from '../../common/errors/common-errors';
import { entryOf } from '../text/message-tokens';
import { encodeSearchCursor, entryRange } from './search-range';

const ID = '0123456789abcdef01234567';
const at = (iso: string, messageId = ID) => entryOf({ messageId, createdAt: new Date(iso) });

describe('entryRange', () => {
  it('is unbounded without before, after or cursor', () => {
    expect(entryRange({})).toEqual({ ceiling: null, floor: null });
  });

  it('reads messages strictly before `before` and strictly after `after`', () => {
    const { ceiling, floor } = entryRange({
      before: new Date('2025-03-01T00:00:00.000Z'),
      after: new Date('2025-02-01T00:00:00.000Z'),
    });
    const inside = (entry: string) => entry < ceiling!.entry && entry >= floor!;
    expect(ceiling?.inclusive).toBe(false);
    expect(inside(at('2025-02-28T23:59:59.999Z', 'f'.repeat(24)))).toBe(true);
    expect(inside(at('2025-03-01T00:00:00.000Z', '0'.repeat(24)))).toBe(false);
    expect(inside(at('2025-02-01T00:00:00.001Z', '0'.repeat(24)))).toBe(true);
    expect(inside(at('2025-02-01T00:00:00.000Z', 'f'.repeat(24)))).toBe(false);
  });

  it('continues below the entry a cursor holds, or below `before` when that is lower', () => {
    const last = at('2025-01-10T00:00:00Z');
    expect(entryRange({ cursor: encodeSearchCursor(last) }).ceiling).toEqual({
      entry: last,
      inclusive: false,
    });
    const before = new Date('2025-01-05T00:00:00Z');
    expect(entryRange({ cursor: encodeSearchCursor(last), before }).ceiling?.entry).toBe(
      at('2025-01-05T00:00:00Z', '0'.repeat(24)),
    );
  });

  it('keeps far dates comparable: before 1970 finds nothing, after year 5000 nothing either', () => {
    const { ceiling } = entryRange({ before: new Date('1960-01-01T00:00:00Z') });
    expect(at('1970-01-01T00:00:00.000Z', '0'.repeat(24)) < ceiling!.entry).toBe(false);
    const { floor } = entryRange({ after: new Date('9999-01-01T00:00:00Z') });
    expect(floor).toHaveLength(34);
    expect(at('2999-01-01T00:00:00Z') >= floor!).toBe(false);
  });

  it('refuses a cursor it did not issue as a validation error naming `cursor`', () => {
    const forged = [
      'not base64 json',
      Buffer.from('{"e":1}').toString('base64url'),
      Buffer.from(JSON.stringify({ e: at('2025-01-01T00:00:00Z'), c: ID })).toString('base64url'),
      Buffer.from(JSON.stringify({ e: `${at('2025-01-01T00:00:00Z')}0` })).toString('base64url'),
      Buffer.from(JSON.stringify({ e: at('2025-01-01T00:00:00Z').toUpperCase() })).toString('base64url'),
    ];
    for (const cursor of forged) {
      expect(() => entryRange({ cursor })).toThrow(CommonError);
    }
  });
});
