import { describe, expect, it } from 'vitest';
import { SignalQueue } from './signal-queue';

describe('SignalQueue', () => {
  it('holds items until released, then hands them over in order and passes later ones through', () => {
    const delivered: number[] = [];
    const queue = new SignalQueue<number>((item) => delivered.push(item));
    queue.push(1);
    queue.push(2);
    expect(delivered).toEqual([]);
    expect(queue.size).toBe(2);
    queue.release();
    queue.push(3);
    queue.release();
    expect(delivered).toEqual([1, 2, 3]);
  });

  it('drops what it holds when cleared', () => {
    const delivered: number[] = [];
    const queue = new SignalQueue<number>((item) => delivered.push(item));
    queue.push(1);
    queue.clear();
    queue.release();
    expect(delivered).toEqual([]);
  });
});
