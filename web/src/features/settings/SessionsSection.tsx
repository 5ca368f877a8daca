import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { errorMessage } from '../../api/api-error';
import type { SessionResponse } from '../../api/types';
import { queryKeys } from '../../app/query-keys';
import { useSignedIn } from '../../auth/auth-context';
import { deviceName, lastUsedText, orderSessions } from './sessions';
import { Outcome, Section } from './Section';

/** Every signed-in device; any other one can be signed out here (its sockets close at once). */
export function SessionsSection() {
  const { http } = useSignedIn();
  const queries = useQueryClient();
  const sessions = useQuery({
    queryKey: queryKeys.sessions,
    queryFn: async () =>
      orderSessions((await http.get<{ sessions: SessionResponse[] }>('/auth/sessions')).sessions),
    refetchInterval: 60_000,
  });
  const refresh = () => queries.invalidateQueries({ queryKey: queryKeys.sessions });
  const revoke = useMutation({
    mutationFn: (id: string) => http.delete<void>(`/auth/sessions/${id}`),
    onSettled: refresh,
  });
  const revokeOthers = useMutation({
    mutationFn: () => http.post<void>('/auth/logout-others'),
    onSettled: refresh,
  });

  const list = sessions.data ?? [];
  const others = list.filter((session) => !session.current).length;
  const failure = revoke.error ?? revokeOthers.error ?? sessions.error;
  return (
    <Section title="Where you are signed in">
      {sessions.isPending ? <p className="muted">Loading…</p> : null}
      <ul className="settings-list sessions">
        {list.map((session) => (
          <li key={session.id} aria-label={deviceName(session.deviceLabel)}>
            <span>
              <strong>
                {deviceName(session.deviceLabel)}
                {session.current ? <span className="pill ok">This device</span> : null}
                {!session.current && session.connected ? <span className="pill">Online</span> : null}
              </strong>
              <small className="muted">
                {session.ip || 'unknown address'} · last active {lastUsedText(session.lastUsedAt)}
              </small>
            </span>
            {session.current ? null : (
              <button type="button" disabled={revoke.isPending} onClick={() => revoke.mutate(session.id)}>
                Sign out<span className="visually-hidden"> {deviceName(session.deviceLabel)}</span>
              </button>
            )}
          </li>
        ))}
      </ul>
      {others > 0 ? (
        <button
          type="button"
          className="danger"
          disabled={revokeOthers.isPending}
          onClick={() => revokeOthers.mutate()}
        >
          Sign out of all other devices
        </button>
      ) : sessions.isSuccess ? (
        <p className="muted">You are not signed in anywhere else.</p>
      ) : null}
      <Outcome
        ok={revokeOthers.isSuccess ? 'Every other device was signed out.' : null}
        error={failure ? errorMessage(failure) : null}
      />
    </Section>
  );
}
