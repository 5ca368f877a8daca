import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useNavigate } from 'react-router';
import { errorMessage } from '../../api/api-error';
import type { ConversationResponse, PublicProfile } from '../../api/types';
import { useSignedIn } from '../../auth/auth-context';
import { queryKeys } from '../../app/query-keys';
import { upsertConversation } from '../../chat/conversation-list';
import { Field } from '../../ui/Field';
import { Modal } from '../../ui/Modal';
import { UserSearch } from './UserSearch';
import { FormError } from '../../ui/FormError';

/** Start a direct chat with someone found by search, or a group with a title and picked members. */
export function NewChatDialog({ onClose }: { onClose: () => void }) {
  const { http } = useSignedIn();
  const queries = useQueryClient();
  const navigate = useNavigate();
  const [mode, setMode] = useState<'direct' | 'group'>('direct');
  const [title, setTitle] = useState('');
  const [members, setMembers] = useState<PublicProfile[]>([]);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  async function open(create: () => Promise<ConversationResponse>) {
    setBusy(true);
    setError('');
    try {
      const conversation = await create();
      queries.setQueryData<ConversationResponse[]>(queryKeys.conversations, (list) =>
        upsertConversation(list ?? [], conversation),
      );
      onClose();
      void navigate(`/c/${conversation.id}`);
    } catch (caught) {
      setError(errorMessage(caught));
      setBusy(false);
    }
  }

  function createGroup(event: FormEvent) {
    event.preventDefault();
    if (!title.trim()) {
      setError('Give the group a name.');
      return;
    }
    void open(() =>
      http.post<ConversationResponse>('/conversations/group', {
        title: title.trim(),
        memberIds: members.map((member) => member.id),
      }),
    );
  }

  return (
    <Modal title="New chat" onClose={onClose} className="new-chat">
      <div className="segmented" role="group" aria-label="Kind of chat">
        <button type="button" aria-pressed={mode === 'direct'} onClick={() => setMode('direct')}>
          Direct message
        </button>
        <button type="button" aria-pressed={mode === 'group'} onClick={() => setMode('group')}>
          New group
        </button>
      </div>
      <FormError error={error} />
      {mode === 'direct' ? (
        <UserSearch
          autoFocus
          actionLabel={(user) => `Chat with ${user.displayName}`}
          onPick={(user) =>
            busy
              ? undefined
              : void open(() => http.post<ConversationResponse>('/conversations/direct', { userId: user.id }))
          }
        />
      ) : (
        <form className="group-form" onSubmit={createGroup}>
          <Field
            label="Group name"
            value={title}
            maxLength={100}
            onChange={(event) => setTitle(event.target.value)}
          />
          <UserSearch
            exclude={members.map((member) => member.id)}
            actionLabel={(user) => `Add ${user.displayName}`}
            onPick={(user) => setMembers((current) => [...current, user])}
          />
          <ul className="chips" aria-label="Members to add">
            {members.map((member) => (
              <li key={member.id}>
                {member.displayName}
                <button
                  type="button"
                  className="icon-button"
                  aria-label={`Remove ${member.displayName}`}
                  onClick={() => setMembers((current) => current.filter((item) => item.id !== member.id))}
                >
                  <span aria-hidden="true">✕</span>
                </button>
              </li>
            ))}
          </ul>
          <div className="modal-actions">
            <button type="submit" className="primary" disabled={busy}>
              Create group
            </button>
          </div>
        </form>
      )}
    </Modal>
  );
}
