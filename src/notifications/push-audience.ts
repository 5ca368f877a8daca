/** Who may need a push for a message, and when a stored message needs no push job at all. */

export interface AudienceMember {
  userId: string;
  muted: boolean;
}

/**
 * The members a message may be pushed to before presence is asked: never the sender; muted members only
 * when the message mentions them.
 */
export function pushCandidates(
  members: readonly AudienceMember[],
  senderId: string,
  mentions: readonly string[],
): string[] {
  const mentioned = new Set(mentions);
  return members
    .filter((member) => member.userId !== senderId && (!member.muted || mentioned.has(member.userId)))
    .map((member) => member.userId);
}

/**
 * False when the send already knows every recipient was online (it reached all of them live), so a push job
 * would find nobody to push; true whenever that is unknown.
 */
export function mayNeedPush(event: {
  recipientCount: number;
  recipientsReached?: readonly string[];
}): boolean {
  return event.recipientsReached === undefined || event.recipientsReached.length < event.recipientCount;
}
