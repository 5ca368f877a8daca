/** Why the sign-in page is showing: a `?notice=` set by the page that sent the user here, or the reason the session ended. */
const NOTICES: Record<string, string> = {
  'password-changed':
    'Your password was changed and every device was signed out. Sign in with the new password.',
  'password-reset': 'Your password was reset. Sign in with the new password.',
  'account-deleted': 'Your account is being deleted. Thank you for using Parley.',
  SESSION_ENDED: 'You were signed out. Please sign in again.',
  SESSION_REVOKED: 'This device was signed out. Please sign in again.',
  ACCOUNT_SUSPENDED: 'Your account has been suspended.',
  ACCOUNT_DISABLED: 'This account has been disabled.',
  ACCOUNT_DELETED: 'This account has been deleted.',
};

export function signInNotice(notice: string | null | undefined): string | null {
  return notice ? (NOTICES[notice] ?? null) : null;
}
