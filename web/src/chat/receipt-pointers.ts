/** Each member's delivered and read pointers in one conversation; pointers only move forward. */
export type Pointers = Record<string, { deliveredSeq: number; readSeq: number }>;

export function advance(
  pointers: Pointers | undefined,
  userIds: readonly string[],
  seq: number,
  kind: 'delivered' | 'read',
): Pointers {
  const next: Pointers = { ...pointers };
  for (const userId of userIds) {
    const current = next[userId] ?? { deliveredSeq: 0, readSeq: 0 };
    const readSeq = kind === 'read' ? Math.max(current.readSeq, seq) : current.readSeq;
    // Reading implies delivery.
    const deliveredSeq = Math.max(current.deliveredSeq, kind === 'delivered' ? seq : readSeq);
    next[userId] = { deliveredSeq, readSeq };
  }
  return next;
}

export type TickState = 'pending' | 'sent' | 'delivered' | 'read';

/** A message of mine is delivered once every other member has it, read once every other member read it. */
export function tickOf(
  seq: number,
  pointers: Pointers | undefined,
  otherMemberIds: readonly string[],
): TickState {
  if (otherMemberIds.length === 0) {
    return 'sent';
  }
  const all = (test: (p: { deliveredSeq: number; readSeq: number }) => boolean) =>
    otherMemberIds.every((id) => {
      const pointer = pointers?.[id];
      return pointer !== undefined && test(pointer);
    });
  if (all((p) => p.readSeq >= seq)) {
    return 'read';
  }
  if (all((p) => p.deliveredSeq >= seq)) {
    return 'delivered';
  }
  return 'sent';
}

/** Pointers implied by `GET …/messages/:id/receipts` for a message at `seq` (the state when a chat is opened). */
export function pointersFromReceipts(
  pointers: Pointers | undefined,
  seq: number,
  receipts: ReadonlyArray<{ userId: string; status: 'sent' | 'delivered' | 'read' }>,
): Pointers {
  let next: Pointers = { ...pointers };
  for (const receipt of receipts) {
    if (receipt.status !== 'sent') {
      next = advance(next, [receipt.userId], seq, receipt.status);
    }
  }
  return next;
}
