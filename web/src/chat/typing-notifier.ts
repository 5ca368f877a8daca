/**
 * Tells the server the user is typing, at most once per interval while keys keep coming, and that they
 * stopped (on send, blur, or leaving) only if it had said they were typing.
 */
export class TypingNotifier {
  private lastSentAt: number | null = null;

  constructor(
    private readonly emit: (event: 'typing' | 'stop_typing') => void,
    private readonly intervalMs = 2000,
    private readonly now: () => number = Date.now,
  ) {}

  input(): void {
    const now = this.now();
    if (this.lastSentAt === null || now - this.lastSentAt >= this.intervalMs) {
      this.lastSentAt = now;
      this.emit('typing');
    }
  }

  stop(): void {
    if (this.lastSentAt !== null) {
      this.lastSentAt = null;
      this.emit('stop_typing');
    }
  }
}
