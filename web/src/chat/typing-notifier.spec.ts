import { describe, expect, it } from 'vitest';
import { TypingNotifier } from './typing-notifier';

describe('TypingNotifier', () => {
  it('sends typing at most every interval and stop_typing only after typing', () => {
    const sent: string[] = [];
    let now = 0;
    const notifier = new TypingNotifier(
      (event) => sent.push(`${event}@${now}`),
      2000,
      () => now,
    );
    notifier.stop();
    notifier.input();
    now = 500;
    notifier.input();
    now = 2100;
    notifier.input();
    now = 2200;
    notifier.stop();
    notifier.stop();
    now = 2300;
    notifier.input();
    expect(sent).toEqual(['typing@0', 'typing@2100', 'stop_typing@2200', 'typing@2300']);
  });
});
