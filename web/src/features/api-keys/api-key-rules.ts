import type { ApiKeyResponse } from '../../api/types';

/** The scopes a key may carry, with what each allows. */
export const SCOPES: Array<{ scope: string; label: string }> = [
  { scope: 'notify:send', label: 'Send notifications to users (POST /api/v1/notify)' },
];

export type KeyState = 'active' | 'expired' | 'revoked';

export function keyState(key: Pick<ApiKeyResponse, 'revokedAt' | 'expiresAt'>, now: number): KeyState {
  if (key.revokedAt !== null) {
    return 'revoked';
  }
  return key.expiresAt !== null && Date.parse(key.expiresAt) <= now ? 'expired' : 'active';
}

export const STATE_LABELS: Record<KeyState, string> = {
  active: 'Active',
  expired: 'Expired',
  revoked: 'Revoked',
};

export interface NewKeyBody {
  name: string;
  scopes: string[];
  expiresAt?: string;
}

export type Checked<T> = { ok: true; body: T } | { ok: false; errors: Record<string, string> };

/**
 * The create form as the server takes it: a name, at least one scope, and an optional last day
 * (`<input type="date">`, YYYY-MM-DD): the key works until the end of that day in the admin's time zone.
 */
export function newKeyBody(
  name: string,
  scopes: string[],
  expiresOn: string,
  now: number,
): Checked<NewKeyBody> {
  const errors: Record<string, string> = {};
  const trimmed = name.trim();
  if (trimmed.length === 0) {
    errors.name = 'Name the key after the service that will use it.';
  } else if (trimmed.length > 100) {
    errors.name = 'At most 100 characters.';
  }
  if (scopes.length === 0) {
    errors.scopes = 'Choose at least one scope.';
  }
  let expiresAt: string | undefined;
  if (expiresOn) {
    const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(expiresOn);
    const end = match ? new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]), 23, 59, 59) : null;
    if (!end || Number.isNaN(end.getTime())) {
      errors.expiresOn = 'Enter a date.';
    } else if (end.getTime() <= now) {
      errors.expiresOn = 'Choose a day in the future.';
    } else {
      expiresAt = end.toISOString();
    }
  }
  if (Object.keys(errors).length > 0) {
    return { ok: false, errors };
  }
  return { ok: true, body: { name: trimmed, scopes, ...(expiresAt ? { expiresAt } : {}) } };
}
