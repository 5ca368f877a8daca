/** Runs tasks one at a time per key, in arrival order; tasks of different keys run concurrently. */
export class KeyedQueue {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    return this.runAll([key], task);
  }

  /** Runs a task that holds several keys at once: it starts when every key's earlier tasks are done. */
  runAll<T>(keys: readonly string[], task: () => Promise<T>): Promise<T> {
    const earlier = keys.flatMap((key) => this.tails.get(key) ?? []);
    const previous = earlier.length === 1 ? earlier[0] : Promise.all(earlier);
    const result = previous.then(task, task);
    const tail = result.catch(() => undefined);
    keys.forEach((key) => this.tails.set(key, tail));
    void tail.then(() =>
      keys.forEach((key) => {
        if (this.tails.get(key) === tail) {
          this.tails.delete(key);
        }
      }),
    );
    return result;
  }
}
