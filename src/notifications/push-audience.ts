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
 * The recipients the send did not see online: every member but the sender when it could not tell. None means
 * a push job would find nobody to push.
 */
export function recipientsNotReached(event: {
  senderId: string;
  members: ReadonlyMap<string, unknown>;
  recipientsReached?: readonly string[];
}): string[] {
  const reached = new Set(event.recipientsReached);
  return [...event.members.keys()].filter((userId) => userId !== event.senderId && !reached.has(userId));
}
