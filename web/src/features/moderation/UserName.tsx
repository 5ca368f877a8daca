import { useProfile } from './moderation-api';

/** A user's display name from their id (ids are all the queue and the audit log carry). */
export function UserName({ id }: { id: string | null }) {
  const profile = useProfile(id);
  if (id === null) {
    return <span className="muted">nobody</span>;
  }
  return (
    <span className="user-name" title={id}>
      {profile.data?.displayName ?? `user …${id.slice(-6)}`}
    </span>
  );
}
