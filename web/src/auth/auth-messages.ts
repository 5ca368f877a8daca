import { ApiError, errorMessage } from '../api/api-error';

/** "until 3 May 2026, 14:00", or null for an open-ended suspension. */
function untilText(details: unknown, locale?: string): string | null {
  const until = (details as { until?: unknown } | null | undefined)?.until;
  if (typeof until !== 'string' || Number.isNaN(Date.parse(until))) {
    return null;
  }
  return new Date(until).toLocaleString(locale, { dateStyle: 'medium', timeStyle: 'short' });
}

/** What to tell someone whose sign-in (password, provider, refresh) the server refused. */
export function signInErrorMessage(error: unknown, locale?: string): string {
  if (!(error instanceof ApiError)) {
    return errorMessage(error);
  }
  switch (error.code) {
    case 'INVALID_CREDENTIALS':
      return 'Wrong email or password.';
    case 'ACCOUNT_SUSPENDED': {
      const until = untilText(error.details, locale);
      return until
        ? `Your account is suspended until ${until}.`
        : 'Your account is suspended until a moderator lifts the suspension.';
    }
    case 'ACCOUNT_DISABLED':
      return 'This account has been disabled. Contact the administrators if you think this is a mistake.';
    case 'EMAIL_TAKEN':
      return 'An account with this email already exists. Sign in instead, or reset your password.';
    case 'RATE_LIMITED':
      return 'Too many attempts. Wait a minute and try again.';
    case 'OAUTH_CODE_INVALID':
      return 'This sign-in link expired or was already used. Please start again.';
    case 'OAUTH_PROVIDER_DISABLED':
      return 'This sign-in provider is not available on this server.';
    case 'VALIDATION_FAILED':
      return 'Please check the highlighted fields.';
    default:
      return errorMessage(error);
  }
}
