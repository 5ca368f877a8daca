import { Injectable } from '@nestjs/common';

/**
 * Change positions for /sync: microseconds since the epoch, strictly increasing within this process.
 * A counter document would be the obvious alternative, but FerretDB v1 does not apply concurrent `$inc`s
 * atomically (lost updates), so positions come from the clock; /sync's settle window absorbs the skew
 * between instances.
 */
@Injectable()
export class ChangeClock {
  private last = 0;

  next(): number {
    this.last = Math.max(Date.now() * 1000, this.last + 1);
    return this.last;
  }
}

/** The wall-clock time (ms) a change position was taken at. */
export function changeTime(changeSeq: number): number {
  return Math.floor(changeSeq / 1000);
}
