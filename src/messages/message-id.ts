import { createHash } from 'node:crypto';
import { Types } from 'mongoose';

/**
 * A message's `_id` is derived from its sender and clientMessageId (the first 12 bytes of their SHA-256), so
 * a resent message collides with the original on `_id` inside the insert itself: idempotency costs no
 * claim round trip, and a conflict is told apart from a seq conflict by one `_id` lookup. Ids are therefore
 * not ordered by time (history is ordered by `seq`). 96 bits: a collision between two different sends is
 * not expected in the lifetime of a deployment, and is refused rather than mistaken for a resend.
 */
export function messageIdFor(senderId: string, clientMessageId: string): Types.ObjectId {
  const digest = createHash('sha256').update(`${senderId}:${clientMessageId}`).digest();
  return new Types.ObjectId(digest.subarray(0, 12));
}
