import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { ApiError } from '../../api/api-error';
import { queryKeys } from '../../app/query-keys';
import { useSignedIn } from '../../auth/auth-context';
import { disablePush, enablePush, pushEnabledFor, pushSupported } from '../../push/push-client';
import {
  BLOCKED_TEXT,
  NOT_CONFIGURED_TEXT,
  PUSH_NOT_CONFIGURED,
  pushErrorMessage,
} from '../../push/push-errors';
import { NotificationSettingsForm } from './NotificationSettingsForm';
import { Outcome, Section } from './Section';

const PERMISSION_TEXT: Record<NotificationPermission, string> = {
  granted: 'Allowed',
  denied: 'Blocked',
  default: 'Not asked yet',
};

/**
 * The account's notification settings (every device), then Web Push for this browser: on or off, and why it
 * cannot be on (no support, no server keys, blocked).
 */
export function NotificationsSection() {
  return (
    <Section title="Notifications">
      <NotificationSettingsForm />
      <h3>Push on this device</h3>
      <p className="muted">
        Get a notification for new messages while Parley is closed or in the background.
      </p>
      {pushSupported() ? (
        <PushControls />
      ) : (
        <p>
          This browser cannot receive push notifications. (On an iPhone or iPad, add Parley to the Home Screen
          first.)
        </p>
      )}
    </Section>
  );
}

/** The permission as the browser has it now; it follows changes made in the browser's site settings. */
function usePermission(): [NotificationPermission, () => void] {
  const [permission, setPermission] = useState<NotificationPermission>(Notification.permission);
  useEffect(() => {
    let status: PermissionStatus | null = null;
    const update = () => setPermission(Notification.permission);
    navigator.permissions
      ?.query({ name: 'notifications' })
      .then((found) => {
        status = found;
        status.addEventListener('change', update);
      })
      .catch(() => undefined);
    return () => status?.removeEventListener('change', update);
  }, []);
  return [permission, () => setPermission(Notification.permission)];
}

function PushControls() {
  const { http, user } = useSignedIn();
  const queries = useQueryClient();
  const [permission, refreshPermission] = usePermission();
  const serverKey = useQuery({
    queryKey: queryKeys.pushKey,
    queryFn: () => http.get<{ publicKey: string }>('/notifications/vapid-public-key'),
    retry: false,
    staleTime: Infinity,
  });
  const subscribed = useQuery({
    queryKey: queryKeys.pushSubscription,
    queryFn: () => pushEnabledFor(user.id),
  });
  const settled = () => {
    refreshPermission();
    void queries.invalidateQueries({ queryKey: queryKeys.pushSubscription });
  };
  const enable = useMutation({ mutationFn: () => enablePush(http, user.id), onSettled: settled });
  const disable = useMutation({ mutationFn: () => disablePush(http), onSettled: settled });

  if (serverKey.error instanceof ApiError && serverKey.error.code === PUSH_NOT_CONFIGURED) {
    return <p>{NOT_CONFIGURED_TEXT}</p>;
  }
  if (serverKey.isPending || subscribed.isPending) {
    return <p className="muted">Checking…</p>;
  }
  const on = subscribed.data === true;
  const busy = enable.isPending || disable.isPending;
  const failure = enable.error ?? disable.error ?? serverKey.error ?? subscribed.error;
  return (
    <>
      <ul className="settings-list push-status">
        <li>
          <span>On this device</span>
          <span className={`pill${on ? ' ok' : ''}`}>{on ? 'On' : 'Off'}</span>
        </li>
        <li>
          <span>Browser permission</span>
          <span className={`pill${permission === 'denied' ? ' warn' : ''}`}>
            {PERMISSION_TEXT[permission]}
          </span>
        </li>
      </ul>
      {permission === 'denied' && !enable.error ? <p>{BLOCKED_TEXT}</p> : null}
      {on ? (
        <button type="button" disabled={busy} onClick={() => disable.mutate()}>
          Disable notifications on this device
        </button>
      ) : (
        <button
          type="button"
          className="primary"
          disabled={busy || permission === 'denied'}
          onClick={() => {
            disable.reset();
            enable.mutate();
          }}
        >
          {enable.isPending ? 'Enabling…' : 'Enable notifications on this device'}
        </button>
      )}
      <Outcome
        ok={
          enable.isSuccess && on
            ? 'Notifications are on for this device.'
            : disable.isSuccess && !on
              ? 'Notifications are off for this device.'
              : null
        }
        error={failure ? pushErrorMessage(failure) : null}
      />
    </>
  );
}
