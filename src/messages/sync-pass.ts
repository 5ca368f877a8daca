import type { MessageRecord } from './message.response';

type Positions = Record<string, number>;

/**
 * What a cursor stands for. `positions`: how far the current pass has paged, per conversation. `floors`:
 * below which every change has surely been returned; a finished pass restarts the next one from its floors,
 * so changes too fresh to be settled are looked at again. `receiptsAt`: receipt changes after this time are
 * reported (`nextReceiptsAt` takes over when a paged pass finishes).
 */
export interface CursorState {
  positions: Positions;
  floors: Positions;
  receiptsAt: number;
  nextReceiptsAt?: number;
}

/** One page of a sync pass: what it returns and where it leaves each conversation. */
export class SyncPass {
  readonly messages: MessageRecord[] = [];
  readonly positions: Positions;
  readonly floors: Positions;
  readonly joined: string[];
  readonly left: string[];
  hasMore = false;

  constructor(
    previous: CursorState,
    current: readonly string[],
    private readonly settledBefore: number,
  ) {
    this.joined = current.filter((id) => previous.positions[id] === undefined);
    this.left = Object.keys(previous.positions).filter((id) => !current.includes(id));
    this.positions = Object.fromEntries(current.map((id) => [id, previous.positions[id] ?? 0]));
    this.floors = Object.fromEntries(current.map((id) => [id, previous.floors[id] ?? 0]));
  }

  /**
   * Records what the query for this page returned: up to `limit + 1` changes after the positions, oldest
   * first across conversations. A full page stops before the first change left out, and before any change
   * sharing its position (another instance's clock can tie), so that every change up to the page's last one
   * has been returned, in every conversation, and each position can move there. (A page whose every change
   * ties with the next one would leave that one behind: that takes more instances than the page's limit
   * taking a position in the same microsecond.)
   */
  record(fetched: MessageRecord[], limit: number): void {
    if (fetched.length <= limit) {
      this.messages.push(...fetched);
      this.moveFloors(Number.MAX_SAFE_INTEGER);
      return;
    }
    const next = fetched[limit].changeSeq;
    const full = fetched.slice(0, limit);
    const beforeNext = full.filter((change) => change.changeSeq < next);
    const page = beforeNext.length > 0 ? beforeNext : full;
    const reached = page[page.length - 1].changeSeq;
    this.messages.push(...page);
    this.hasMore = true;
    for (const id of Object.keys(this.positions)) {
      this.positions[id] = Math.max(this.positions[id], reached);
    }
    this.moveFloors(reached);
  }

  /** Everything up to `reached` has been returned; only settled changes may be left behind for good. */
  private moveFloors(reached: number): void {
    for (const id of Object.keys(this.floors)) {
      this.floors[id] = Math.max(this.floors[id], Math.min(reached, this.settledBefore));
    }
  }
}
