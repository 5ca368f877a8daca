import { useConnectionState } from '../../chat/hooks';

const LABELS = {
  online: 'Connected',
  connecting: 'Connecting…',
  reconnecting: 'Reconnecting…',
  offline: 'Offline: messages will be sent when you are back online',
} as const;

/** The connection state, always visible, announced politely when it changes. */
export function ConnectionBanner() {
  const state = useConnectionState();
  return (
    <p className={`connection-state ${state}`} role="status" aria-live="polite" data-state={state}>
      <span className="dot" aria-hidden="true" />
      {LABELS[state]}
    </p>
  );
}
