import { z } from 'zod';
import { decodeCursor, encodeCursor } from '../../common/pagination/cursor';
import { entryOf } from '../text/message-tokens';
import { Ceiling } from './entry-source';

/** An entry as `entryOf` writes it: 9 base36 digits of epoch milliseconds, a dot, the message id. */
const ENTRY = /^[0-9a-z]{9}\.[0-9a-f]{24}$/;
/** The latest time 9 base36 digits hold (year 5188); later bounds are clamped to it so entries still compare. */
const LATEST_ENTRY_TIME = 36 ** 9 - 1;
const LOWEST_ID = '0'.repeat(24);

const SearchCursorSchema = z.strictObject({ e: z.string().regex(ENTRY) });

/**
 * The next page starts below the last entry examined. The cursor holds nothing else: which conversations a
 * page reads always comes from the caller's memberships, so a forged cursor can only move within them.
 */
export function encodeSearchCursor(lastExamined: string): string {
  return encodeCursor({ e: lastExamined });
}

/** The entries a search reads: below `ceiling` (exclusive) and at or above `floor`. */
export interface EntryRange {
  ceiling: Ceiling | null;
  floor: string | null;
}

/**
 * The range of `before`/`after` (message times, both exclusive) and of a cursor, which is 400
 * VALIDATION_FAILED unless this server issued it.
 */
export function entryRange(bounds: { before?: Date; after?: Date; cursor?: string }): EntryRange {
  const ceilings = [
    bounds.cursor === undefined ? undefined : decodeCursor(bounds.cursor, SearchCursorSchema).e,
    bounds.before === undefined ? undefined : firstEntryAt(bounds.before.getTime()),
  ].filter((entry) => entry !== undefined);
  const lowest = ceilings.sort()[0];
  return {
    ceiling: lowest === undefined ? null : { entry: lowest, inclusive: false },
    floor: bounds.after === undefined ? null : firstEntryAt(bounds.after.getTime() + 1),
  };
}

/** The lowest entry a message sent at `ms` can have: every earlier message's entry sorts below it. */
function firstEntryAt(ms: number): string {
  const clamped = Math.min(Math.max(ms, 0), LATEST_ENTRY_TIME);
  return entryOf({ messageId: LOWEST_ID, createdAt: new Date(clamped) });
}
