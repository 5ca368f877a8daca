import { ApiError, errorMessage } from '../api/api-error';

export const PUSH_NOT_CONFIGURED = 'PUSH_NOT_CONFIGURED';

export const NOT_CONFIGURED_TEXT = 'Push notifications are not available on this server.';

export const BLOCKED_TEXT =
  'Notifications are blocked for this site. To allow them, open the site settings (the icon left of the ' +
  'address bar), set Notifications to “Allow”, then reload this page.';

/** What to tell the user when turning notifications on or off failed. */
export function pushErrorMessage(error: unknown): string {
  if (error instanceof ApiError && error.code === PUSH_NOT_CONFIGURED) {
    return NOT_CONFIGURED_TEXT;
  }
  if (error instanceof Error && error.name === 'PermissionNotGranted') {
    return (error as Error & { permission?: string }).permission === 'denied'
      ? BLOCKED_TEXT
      : 'Notifications were not allowed. Choose “Allow” when the browser asks.';
  }
  const name = nameOf(error);
  if (name === 'AbortError' || name === 'NotAllowedError') {
    // Chrome: "Registration failed - push service error" (offline, or no push service), "- permission
    // denied" (private windows, where push does not work).
    return (
      `This browser could not set up push notifications (${(error as Error).message}). ` +
      'Private windows cannot receive them; otherwise check your connection and try again.'
    );
  }
  if (name === 'NotSupportedError') {
    return 'This browser cannot receive push notifications.';
  }
  return errorMessage(error);
}

/** DOMExceptions are not always instances of Error (older engines, jsdom), but all have a name. */
function nameOf(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'name' in error ? String(error.name) : undefined;
}
