import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { ApiError, errorMessage } from '../../api/api-error';
import type { ExportResponse } from '../../api/types';
import { queryKeys } from '../../app/query-keys';
import { useSignedIn } from '../../auth/auth-context';
import { DeleteAccount } from './DeleteAccount';
import { Outcome, Section } from './Section';

function sizeText(bytes: number): string {
  return bytes < 1024 * 1024
    ? `${Math.max(1, Math.round(bytes / 1024))} KB`
    : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** Export (a job builds it; `export_ready` on the socket says when) and account deletion. */
export function DataSection() {
  const { http, session } = useSignedIn();
  const queries = useQueryClient();
  const latest = useQuery({
    queryKey: queryKeys.dataExport,
    queryFn: async () => {
      try {
        return (await http.get<{ export: ExportResponse }>('/users/me/export')).export;
      } catch (error) {
        if (error instanceof ApiError && error.code === 'EXPORT_NOT_FOUND') {
          return null;
        }
        throw error;
      }
    },
    // The socket event is the fast path; polling covers a socket that was down when it came.
    refetchInterval: (query) =>
      (query.state.data?.state as string | undefined) === 'pending' ? 15_000 : false,
  });
  const request = useMutation({
    mutationFn: async () => (await http.post<{ export: ExportResponse }>('/users/me/export')).export,
    onSuccess: (started) => queries.setQueryData(queryKeys.dataExport, started),
  });

  useEffect(() => {
    const socket = session.connection.socket;
    const ready = () => void queries.invalidateQueries({ queryKey: queryKeys.dataExport });
    socket.on('export_ready', ready);
    return () => {
      socket.off('export_ready', ready);
    };
  }, [queries, session]);

  const current = latest.data;
  // The server's enum, compared by its documented string values.
  const state = current?.state as string | undefined;
  const refused =
    request.error instanceof ApiError && request.error.code === 'EXPORT_TOO_SOON'
      ? 'You asked for an export recently. You can ask again a day after the last one.'
      : request.error
        ? errorMessage(request.error)
        : null;
  return (
    <Section title="Your data">
      <h3>Download a copy</h3>
      <p className="muted">
        A file with your profile, conversations and messages. We also email you the link.
      </p>
      <div aria-live="polite">
        {state === 'pending' ? <p>Preparing your export… you can leave this page.</p> : null}
        {state === 'ready' && current?.downloadUrl ? (
          <p>
            Your export is ready ({sizeText(current.bytes)}).{' '}
            <a href={current.downloadUrl} download>
              Download your data
            </a>
            {current.expiresAt ? (
              <small className="muted">
                {' '}
                The link works until {new Date(current.expiresAt).toLocaleString()}.
              </small>
            ) : null}
          </p>
        ) : null}
        {state === 'failed' ? <p className="form-error">The last export failed. Please try again.</p> : null}
      </div>
      {state === 'pending' ? null : (
        <button type="button" disabled={request.isPending} onClick={() => request.mutate()}>
          {state === 'ready' ? 'Ask for a new export' : 'Request my data'}
        </button>
      )}
      <Outcome error={refused} />
      <h3>Delete your account</h3>
      <DeleteAccount />
    </Section>
  );
}
