import { useEffect } from 'react';
import { useSearchParams } from 'react-router';
import { useSignedIn } from '../../auth/auth-context';
import { NOTIFICATION_PARAM } from '../../push/push-notification';

/**
 * A clicked push names its inbox entry (`?notification=<id>`): the entry is marked read as the page it
 * points to opens (the service worker holds no token), and the parameter leaves the URL.
 */
export function useReadFromLink(): void {
  const { session } = useSignedIn();
  const [params, setParams] = useSearchParams();
  const id = params.get(NOTIFICATION_PARAM);

  useEffect(() => {
    if (!id) {
      return;
    }
    session.notifications.markRead(id).catch(() => undefined);
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        next.delete(NOTIFICATION_PARAM);
        return next;
      },
      { replace: true },
    );
  }, [id, session, setParams]);
}
