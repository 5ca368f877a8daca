/**
 * Index entries (see search/text/message-tokens `entryOf`) sort as strings by time, then message id; search
 * reads them newest first, that is in descending string order.
 */

/** Where a seek stops: at `entry` itself when inclusive, else just below it. */
export interface Ceiling {
  entry: string;
  inclusive: boolean;
}

/**
 * A descending stream of entries that can skip ahead. `seek` answers the newest remaining entry at or below
 * the ceiling (null when none is left) and drops everything above it; the answer stays current, so seeking
 * again with the same ceiling gives it again, and an exclusive ceiling at it moves past it. Ceilings must not
 * go up from one seek to the next.
 */
export interface EntrySource {
  seek(ceiling: Ceiling | null): Promise<string | null>;
}

/** Whether `entry` lies above the ceiling (so a seek to it must skip the entry). */
export function isAbove(entry: string, ceiling: Ceiling | null): boolean {
  if (ceiling === null) {
    return false;
  }
  return ceiling.inclusive ? entry > ceiling.entry : entry >= ceiling.entry;
}
