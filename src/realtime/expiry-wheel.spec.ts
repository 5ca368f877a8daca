import { ExpiryWheel } from './expiry-wheel';

describe('ExpiryWheel', () => {
  let expired: string[];
  let wheel: ExpiryWheel<string>;

  beforeEach(() => {
    expired = [];
    wheel = new ExpiryWheel((item) => expired.push(item));
  });
  afterEach(() => wheel.stop());

  it('expires each item in the first tick at or after its deadline, and only once', () => {
    wheel.add('a', 10_500);
    wheel.add('b', 11_000);
    wheel.add('c', 12_001);
    wheel.tick(10_999);
    expect(expired).toEqual([]);
    wheel.tick(11_000);
    expect(expired).toEqual(['a', 'b']);
    wheel.tick(12_500);
    expect(expired).toEqual(['a', 'b']);
    wheel.tick(13_000);
    wheel.tick(14_000);
    expect(expired).toEqual(['a', 'b', 'c']);
  });

  it('forgets a removed item, and moves one removed and added with a new deadline', () => {
    wheel.add('gone', 5_000);
    wheel.add('moved', 5_000);
    wheel.remove('gone', 5_000);
    wheel.remove('moved', 5_000);
    wheel.add('moved', 9_000);
    wheel.tick(5_000);
    expect(expired).toEqual([]);
    wheel.tick(9_000);
    expect(expired).toEqual(['moved']);
  });

  it('runs its timer only while items wait', () => {
    jest.useFakeTimers({ now: 0 });
    try {
      wheel.add('a', 1_500);
      jest.advanceTimersByTime(1_000);
      expect(expired).toEqual([]);
      jest.advanceTimersByTime(1_000);
      expect(expired).toEqual(['a']);
      expect(jest.getTimerCount()).toBe(0);
    } finally {
      jest.useRealTimers();
    }
  });
});
