/**
 * Small observable maps for state that lives only while the page is open (typing, presence): not server
 * state, so not in the query cache. Components read them with `useSyncExternalStore`.
 */
export class KeyedStore<V> {
  private values = new Map<string, V>();
  private readonly listeners = new Set<() => void>();
  private version = 0;

  get(key: string): V | undefined {
    return this.values.get(key);
  }

  set(key: string, value: V | undefined): void {
    const next = new Map(this.values);
    if (value === undefined) {
      next.delete(key);
    } else {
      next.set(key, value);
    }
    this.values = next;
    this.version += 1;
    for (const listener of this.listeners) {
      listener();
    }
  }

  /** Changes whenever any value changes (for useSyncExternalStore). */
  getVersion = (): number => this.version;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };
}

export interface Presence {
  online: boolean;
  lastSeenAt: string | null;
}

/** Who is typing where; an entry ends on `user_stopped_typing` or after a silence, whichever comes first. */
export class TypingStore {
  readonly store = new KeyedStore<string[]>();
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();

  constructor(private readonly silenceMs = 6000) {}

  start(conversationId: string, userId: string): void {
    const key = `${conversationId}:${userId}`;
    clearTimeout(this.timers.get(key));
    this.timers.set(
      key,
      setTimeout(() => this.stop(conversationId, userId), this.silenceMs),
    );
    const current = this.store.get(conversationId) ?? [];
    if (!current.includes(userId)) {
      this.store.set(conversationId, [...current, userId]);
    }
  }

  stop(conversationId: string, userId: string): void {
    const key = `${conversationId}:${userId}`;
    clearTimeout(this.timers.get(key));
    this.timers.delete(key);
    const current = this.store.get(conversationId) ?? [];
    const next = current.filter((id) => id !== userId);
    this.store.set(conversationId, next.length > 0 ? next : undefined);
  }
}
