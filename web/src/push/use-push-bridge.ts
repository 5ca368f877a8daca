import { useEffect } from 'react';
import { useNavigate } from 'react-router';
import type { HttpClient } from '../api/http';
import { useAuth } from '../auth/auth-context';
import { reregisterPush } from './push-client';
import { SW_MESSAGES } from './sw-messages';

function reregister(http: HttpClient, userId: string): void {
  reregisterPush(http, userId).catch((error: unknown) => console.warn('Could not re-register push', error));
}

/**
 * The app's side of the service worker: shows the page a clicked notification points to, and registers
 * this browser's push subscription with the server on every sign-in of the user who turned it on (a
 * subscription belongs to the session that registered it) and whenever the push service renewed it.
 */
export function usePushBridge(): void {
  const { state, http } = useAuth();
  const navigate = useNavigate();
  const session = state.status === 'signed-in' ? state.session : null;
  const userId = state.status === 'signed-in' ? state.user.id : null;

  // Once per sign-in (a new session object), not on every route change.
  useEffect(() => {
    if (session && userId && 'serviceWorker' in navigator) {
      reregister(http, userId);
    }
  }, [http, session, userId]);

  useEffect(() => {
    if (!('serviceWorker' in navigator)) {
      return;
    }
    const onMessage = (event: MessageEvent<unknown>) => {
      const message = (event.data ?? {}) as { type?: unknown; path?: unknown };
      if (
        message.type === SW_MESSAGES.open &&
        typeof message.path === 'string' &&
        message.path.startsWith('/')
      ) {
        void navigate(message.path);
      } else if (message.type === SW_MESSAGES.subscriptionChanged && userId) {
        reregister(http, userId);
      }
    };
    navigator.serviceWorker.addEventListener('message', onMessage);
    return () => navigator.serviceWorker.removeEventListener('message', onMessage);
  }, [http, navigate, userId]);
}
