import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { ApiError, errorMessage } from '../../api/api-error';
import { useAuth } from '../../auth/auth-context';
import { queryKeys } from '../../app/query-keys';
import { AuthCard, FailureCard } from '../auth/AuthCard';
import '../auth/auth.css';

export const UNSUBSCRIBE_TOKEN_INVALID = 'UNSUBSCRIBE_TOKEN_INVALID';

/**
 * The page an email digest links to (`/unsubscribe?token=`), signed in or out. Nothing happens on load (mail
 * scanners open links): the button POSTs the same one-click route the email's List-Unsubscribe header names.
 */
export function UnsubscribePage() {
  const { http, state } = useAuth();
  const queries = useQueryClient();
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const signedIn = state.status === 'signed-in';
  const unsubscribe = useMutation({
    mutationFn: () =>
      http.request<{ unsubscribed: boolean }>('/notifications/email/unsubscribe', {
        method: 'POST',
        anonymous: true,
        query: { token },
        body: {},
      }),
    onSuccess: () => void queries.invalidateQueries({ queryKey: queryKeys.notificationSettings }),
  });

  const settingsLink = signedIn ? (
    <Link to="/settings">Settings</Link>
  ) : (
    <>
      <Link to="/login?next=%2Fsettings">Settings</Link> (after signing in)
    </>
  );
  if (!token || unsubscribe.isError) {
    const invalid =
      !token ||
      (unsubscribe.error instanceof ApiError &&
        (unsubscribe.error.code === UNSUBSCRIBE_TOKEN_INVALID || unsubscribe.error.status === 400));
    return (
      <FailureCard
        title={invalid ? 'Link not valid' : 'Could not unsubscribe'}
        message={
          invalid
            ? 'This unsubscribe link is invalid or incomplete. Copy the whole link from the email, or turn email digests off in Settings.'
            : errorMessage(unsubscribe.error)
        }
        links={
          invalid ? (
            <>Email digests can be turned off in {settingsLink}.</>
          ) : (
            <button type="button" onClick={() => unsubscribe.mutate()}>
              Try again
            </button>
          )
        }
      />
    );
  }
  if (unsubscribe.isSuccess) {
    return (
      <AuthCard title="You are unsubscribed">
        <p role="status" className="notice ok">
          You will no longer get emails about unread messages and mentions.
        </p>
        <p className="auth-links">You can turn email digests back on in {settingsLink}.</p>
      </AuthCard>
    );
  }
  return (
    <AuthCard title="Unsubscribe from email digests">
      <p>
        Parley emails you a digest when mentions, direct messages or missed calls stay unread for a while.
        Unsubscribing stops those emails for your account; notifications in the app and on your devices stay
        as they are.
      </p>
      <button
        type="button"
        className="primary"
        disabled={unsubscribe.isPending}
        onClick={() => unsubscribe.mutate()}
      >
        {unsubscribe.isPending ? 'Unsubscribing…' : 'Unsubscribe'}
      </button>
      <p className="auth-links">
        {signedIn ? <Link to="/">Back to your chats</Link> : <Link to="/login">Sign in to Parley</Link>}
      </p>
    </AuthCard>
  );
}
