import type { PendingMessage } from './outbox';

export const DIRECT_BLOCKED = 'DIRECT_CONVERSATION_BLOCKED';

export type BlockNotice =
  /** I blocked the other person: the composer gives way to "unblock to send". */
  | { kind: 'blocked-by-me'; text: string }
  /** The server refused my message because of a block (theirs, or one made elsewhere): its own words. */
  | { kind: 'refused'; text: string };

/**
 * What a direct chat says about a block, if anything. The blocked side is never told by the server until
 * a send is refused, so that refusal is all it can show.
 */
export function blockNotice(
  peerName: string,
  blockedByMe: boolean,
  pending: readonly PendingMessage[],
): BlockNotice | null {
  if (blockedByMe) {
    return { kind: 'blocked-by-me', text: `You blocked ${peerName}. Unblock to send messages.` };
  }
  const refused = pending.findLast((item) => item.status === 'failed' && item.errorCode === DIRECT_BLOCKED);
  return refused
    ? { kind: 'refused', text: refused.error ?? `You cannot send messages to ${peerName}.` }
    : null;
}
