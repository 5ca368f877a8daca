import { type FormEvent, useId, useState } from 'react';
import type { ConversationResponse } from '../../api/types';
import { useSignedIn } from '../../auth/auth-context';
import { isGroup } from '../../chat/conversation-list';
import { useBanChange, useBans } from './moderation-api';
import { moderationErrorText } from './moderation-errors';
import { bannableMembers, canManageBans } from './moderation-rules';
import { UserName } from './UserName';
import './moderation.css';
import { FormError } from '../../ui/FormError';

/**
 * A group's bans, for its owners and admins: ban a member (removed at once and kept out), see who is
 * banned, unban. Made to sit in the group info panel; renders nothing for anyone else or a direct chat.
 */
export function GroupBansPanel({ conversation }: { conversation: ConversationResponse }) {
  if (!isGroup(conversation) || !canManageBans(conversation.myRole)) {
    return null;
  }
  return <BansSection conversation={conversation} />;
}

function BansSection({ conversation }: { conversation: ConversationResponse }) {
  const { user } = useSignedIn();
  const bans = useBans(conversation.id);
  const change = useBanChange(conversation.id);
  const [userId, setUserId] = useState('');
  const [reason, setReason] = useState('');
  const [notice, setNotice] = useState('');
  const id = useId();
  const candidates = bannableMembers(conversation.members, user.id, conversation.myRole);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!userId) {
      return;
    }
    const name = candidates.find((member) => member.userId === userId)?.displayName ?? 'The member';
    change.mutate(
      { ban: true, userId, reason: reason.trim() || undefined },
      {
        onSuccess: () => {
          setNotice(`${name} is banned from this group.`);
          setUserId('');
          setReason('');
        },
      },
    );
  };

  return (
    <section className="group-bans" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>Banned members</h3>
      <form onSubmit={submit} className="ban-form" aria-label="Ban a member">
        <div className="field">
          <label htmlFor={`${id}-member`}>Member</label>
          <select id={`${id}-member`} value={userId} onChange={(event) => setUserId(event.target.value)}>
            <option value="">Choose a member…</option>
            {candidates.map((member) => (
              <option key={member.userId} value={member.userId}>
                {member.displayName}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-reason`}>Reason (optional)</label>
          <input
            id={`${id}-reason`}
            value={reason}
            maxLength={500}
            onChange={(event) => setReason(event.target.value)}
          />
        </div>
        <button type="submit" className="danger-solid" disabled={!userId || change.isPending}>
          Ban
        </button>
      </form>
      <p role="status" className="mod-notice">
        {notice}
      </p>
      <FormError error={change.isError ? moderationErrorText(change.error) : null} />
      {bans.isError ? <p role="alert">{moderationErrorText(bans.error)}</p> : null}
      {bans.isSuccess && bans.data.bans.length === 0 ? (
        <p className="muted small">Nobody is banned.</p>
      ) : null}
      <ul className="ban-list" aria-label="Banned members">
        {bans.data?.bans.map((ban) => (
          <li key={ban.userId}>
            <span>
              <UserName id={ban.userId} />
              {ban.reason ? <span className="muted small"> — {ban.reason}</span> : null}
            </span>
            <button
              type="button"
              onClick={() =>
                change.mutate(
                  { ban: false, userId: ban.userId },
                  { onSuccess: () => setNotice('Ban lifted.') },
                )
              }
            >
              Unban
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
