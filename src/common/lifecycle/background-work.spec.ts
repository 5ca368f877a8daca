import { BackgroundWork } from './background-work';

describe('BackgroundWork', () => {
  it('drains only after every started task has settled, failures included', async () => {
    const background = new BackgroundWork();
    const finished: string[] = [];
    let release!: () => void;
    background.run('slow', () =>
      new Promise<void>((resolve) => (release = resolve)).then(() => finished.push('slow')),
    );
    background.run('failing', () => Promise.reject(new Error('boom')));

    const drained = background.drain().then(() => finished.push('drained'));
    await new Promise((resolve) => setImmediate(resolve));
    expect(finished).toEqual([]);

    release();
    await drained;
    expect(finished).toEqual(['slow', 'drained']);
  });

  it('refuses new detached work once draining, but still waits for tracked promises', async () => {
    const background = new BackgroundWork();
    await background.drain();
    const started = jest.fn(() => Promise.resolve());
    background.run('late', started);
    expect(started).not.toHaveBeenCalled();

    let settled = false;
    void background.track(new Promise((resolve) => setTimeout(resolve, 20))).then(() => (settled = true));
    await background.drain();
    expect(settled).toBe(true);
  });
});
