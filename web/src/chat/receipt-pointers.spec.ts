import { describe, expect, it } from 'vitest';
import { advance, pointersFromReceipts, tickOf } from './receipt-pointers';

describe('receipt pointers', () => {
  it('moves forward only, and reading implies delivery', () => {
    let pointers = advance(undefined, ['b'], 5, 'read');
    expect(pointers.b).toEqual({ deliveredSeq: 5, readSeq: 5 });
    pointers = advance(pointers, ['b'], 3, 'delivered');
    expect(pointers.b).toEqual({ deliveredSeq: 5, readSeq: 5 });
  });

  it('ticks a message delivered or read only when every other member got there', () => {
    const pointers = advance(advance(undefined, ['b', 'c'], 4, 'delivered'), ['b'], 4, 'read');
    expect(tickOf(4, pointers, ['b', 'c'])).toBe('delivered');
    expect(tickOf(4, advance(pointers, ['c'], 4, 'read'), ['b', 'c'])).toBe('read');
    expect(tickOf(5, pointers, ['b', 'c'])).toBe('sent');
    expect(tickOf(5, undefined, [])).toBe('sent');
  });

  it('reads the receipts answer of one message into pointers at its seq', () => {
    const pointers = pointersFromReceipts(undefined, 7, [
      { userId: 'b', status: 'read' },
      { userId: 'c', status: 'delivered' },
      { userId: 'd', status: 'sent' },
    ]);
    expect(pointers).toEqual({ b: { deliveredSeq: 7, readSeq: 7 }, c: { deliveredSeq: 7, readSeq: 0 } });
  });
});
