/**
 * Orders the unread count's two sources, which both carry an absolute number and no version: socket events
 * (`notification`, `notifications_read`, `notification_deleted`) and REST answers (the count, a page, a
 * read). An answer is used only when no event arrived while its request was in flight: such an event was
 * sent after the server counted for the answer, so its number is the newer one.
 */
export class UnreadReconciler {
  private events = 0;

  /** Taken just before a request whose answer carries a count. */
  ticket(): number {
    return this.events;
  }

  /** An event's count arrived (always applied). */
  eventArrived(): void {
    this.events += 1;
  }

  /** Whether an answer requested with `ticket` may still set the count. */
  isFresh(ticket: number): boolean {
    return ticket === this.events;
  }
}
