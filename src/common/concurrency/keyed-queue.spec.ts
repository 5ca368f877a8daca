import { KeyedQueue } from './keyed-queue';

const tick = () => new Promise((resolve) => setTimeout(resolve, 1));

/** A task that records when it starts and ends, one timer tick apart. */
const logged = (log: string[]) => (name: string) => async () => {
  log.push(`start ${name}`);
  await tick();
  log.push(`end ${name}`);
};

describe('KeyedQueue', () => {
  it('runs tasks of one key one at a time, in order, even when one fails', async () => {
    const queue = new KeyedQueue();
    const log: string[] = [];
    const task =
      (name: string, fail = false) =>
      async () => {
        log.push(`start ${name}`);
        await tick();
        log.push(`end ${name}`);
        if (fail) {
          throw new Error(name);
        }
        return name;
      };
    const results = await Promise.allSettled([
      queue.run('k', task('a')),
      queue.run('k', task('b', true)),
      queue.run('k', task('c')),
    ]);
    expect(log).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
  });

  it('runs different keys concurrently', async () => {
    const queue = new KeyedQueue();
    const log: string[] = [];
    const task = logged(log);
    await Promise.all([queue.run('x', task('x')), queue.run('y', task('y'))]);
    expect(log.slice(0, 2)).toEqual(['start x', 'start y']);
  });

  it('starts a task holding several keys once each of them is free, and holds them until it ends', async () => {
    const queue = new KeyedQueue();
    const log: string[] = [];
    const task = logged(log);
    await Promise.all([
      queue.run('x', task('x')),
      queue.run('y', task('y')),
      queue.runAll(['x', 'y'], task('xy')),
      queue.run('y', task('y2')),
      queue.run('z', task('z')),
    ]);
    expect(log.indexOf('start xy')).toBeGreaterThan(Math.max(log.indexOf('end x'), log.indexOf('end y')));
    expect(log.indexOf('start y2')).toBeGreaterThan(log.indexOf('end xy'));
    expect(log.indexOf('start z')).toBeLessThan(log.indexOf('end x'));
  });
});
