import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useNavigate } from 'react-router';
import { errorMessage } from '../../api/api-error';
import type { ConversationResponse, MemberSummary } from '../../api/types';
import { useSignedIn } from '../../auth/auth-context';
import { queryKeys } from '../../app/query-keys';
import { managesGroup, roleOf, upsertConversation } from '../../chat/conversation-list';
import { Field } from '../../ui/Field';
import { GroupBansPanel } from '../moderation/GroupBansPanel';
import { ConversationNotifications } from '../notifications/ConversationNotifications';
import { PhotoPicker } from '../media';
import { ReportButton } from '../moderation/ReportButton';
import { BlockUserButton } from '../settings/BlockUserButton';
import { Avatar } from './Avatar';
import { Modal } from '../../ui/Modal';
import { UserSearch } from './UserSearch';

const ROLE_LABEL = { owner: 'Owner', admin: 'Admin', member: 'Member' } as const;

/** Members with roles; owners and admins rename the group and add or remove members; anyone may leave. */
export function GroupInfoDialog({
  conversation,
  onClose,
}: {
  conversation: ConversationResponse;
  onClose: () => void;
}) {
  const { http, user } = useSignedIn();
  const queries = useQueryClient();
  const navigate = useNavigate();
  const [title, setTitle] = useState(conversation.title ?? '');
  const [error, setError] = useState('');
  const [status, setStatus] = useState('');
  const manager = managesGroup(conversation);
  const myRole = roleOf(conversation.myRole);

  async function run(action: () => Promise<ConversationResponse | void>, done: string) {
    setError('');
    try {
      const updated = await action();
      if (updated) {
        queries.setQueryData<ConversationResponse[]>(queryKeys.conversations, (list) =>
          upsertConversation(list ?? [], updated),
        );
      } else {
        await queries.invalidateQueries({ queryKey: queryKeys.conversations });
      }
      setStatus(done);
    } catch (caught) {
      setError(errorMessage(caught));
    }
  }

  function rename(event: FormEvent) {
    event.preventDefault();
    void run(
      () => http.patch<ConversationResponse>(`/conversations/${conversation.id}`, { title: title.trim() }),
      'Group renamed',
    );
  }

  function setPhoto(avatarUrl: string | null) {
    return run(
      () => http.patch<ConversationResponse>(`/conversations/${conversation.id}`, { avatarUrl }),
      avatarUrl ? 'Group photo changed' : 'Group photo removed',
    );
  }

  const mayRemove = (member: MemberSummary) =>
    member.userId !== user.id &&
    (myRole === 'owner'
      ? roleOf(member.role) !== 'owner'
      : myRole === 'admin' && roleOf(member.role) === 'member');

  return (
    <Modal title="Group info" onClose={onClose} className="group-info">
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
      <p className="visually-hidden" role="status">
        {status}
      </p>
      {manager ? (
        <div className="group-photo">
          <Avatar id={conversation.id} name={conversation.title ?? ''} url={conversation.avatarUrl} />
          <PhotoPicker label="Change group photo" save={(url) => setPhoto(url)} onError={setError} />
          {conversation.avatarUrl ? (
            <button type="button" onClick={() => void setPhoto(null)}>
              Remove group photo
            </button>
          ) : null}
        </div>
      ) : null}
      {manager ? (
        <form className="inline-form" onSubmit={rename}>
          <Field
            label="Group name"
            value={title}
            maxLength={100}
            onChange={(event) => setTitle(event.target.value)}
          />
          <button type="submit" disabled={!title.trim() || title.trim() === conversation.title}>
            Rename
          </button>
        </form>
      ) : null}
      <ConversationNotifications conversation={conversation} />
      <h3>{conversation.memberCount} members</h3>
      <ul className="member-list">
        {conversation.members.map((member) => (
          <li key={member.userId}>
            <Avatar id={member.userId} name={member.displayName} url={member.avatarUrl} />
            <span className="member-name">
              {member.displayName}
              {member.userId === user.id ? ' (you)' : ''}
            </span>
            <span className="role">{ROLE_LABEL[roleOf(member.role)]}</span>
            {manager && mayRemove(member) ? (
              <button
                type="button"
                onClick={() =>
                  void run(
                    () => http.delete<void>(`/conversations/${conversation.id}/members/${member.userId}`),
                    `${member.displayName} removed`,
                  )
                }
              >
                Remove<span className="visually-hidden"> {member.displayName}</span>
              </button>
            ) : null}
            {/* Moderation (features/moderation): report a member. */}
            {member.userId !== user.id ? (
              <ReportButton target={{ type: 'user', id: member.userId, label: member.displayName }}>
                Report<span className="visually-hidden"> {member.displayName}</span>
              </ReportButton>
            ) : null}
            {member.userId !== user.id ? (
              <BlockUserButton userId={member.userId} displayName={member.displayName} />
            ) : null}
          </li>
        ))}
      </ul>
      {manager ? (
        <section aria-label="Add members">
          <h3>Add members</h3>
          <UserSearch
            exclude={conversation.members.map((member) => member.userId)}
            actionLabel={(found) => `Add ${found.displayName} to the group`}
            onPick={(found) =>
              void run(
                () =>
                  http.post<ConversationResponse>(`/conversations/${conversation.id}/members`, {
                    userIds: [found.id],
                  }),
                `${found.displayName} added`,
              )
            }
          />
        </section>
      ) : null}
      {/* Moderation (features/moderation): the group's bans, for owners and admins. */}
      <GroupBansPanel conversation={conversation} />
      <div className="modal-actions">
        <button
          type="button"
          className="danger-button"
          onClick={() =>
            void http
              .delete<void>(`/conversations/${conversation.id}/members/${user.id}`)
              .then(async () => {
                await queries.invalidateQueries({ queryKey: queryKeys.conversations });
                onClose();
                void navigate('/');
              })
              .catch((caught: unknown) => setError(errorMessage(caught)))
          }
        >
          Leave group
        </button>
      </div>
    </Modal>
  );
}
