import { Role } from '../common/auth/role';

/** Moderators act on members only; admins on anyone. */
export function maySuspend(callerRole: Role | undefined, targetRole: Role): boolean {
  return callerRole !== Role.Moderator || targetRole === Role.Member;
}

/**
 * When a suspension of `durationHours` (fractional allowed) starting `now` ends: null for an open-ended
 * one, undefined when it is shorter than `minSeconds`.
 */
export function suspensionEnd(
  durationHours: number | undefined,
  minSeconds: number,
  now: number,
): Date | null | undefined {
  if (durationHours === undefined) {
    return null;
  }
  const ms = Math.round(durationHours * 3_600_000);
  return ms < minSeconds * 1000 ? undefined : new Date(now + ms);
}
