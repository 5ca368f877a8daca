import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState } from 'react';
import { errorMessage } from '../../api/api-error';
import type { ConversationResponse } from '../../api/types';
import { useSignedIn } from '../../auth/auth-context';
import { queryKeys } from '../../app/query-keys';
import { upsertConversation } from '../../chat/conversation-list';
import { useConversations } from '../../chat/hooks';
import {
  type Level,
  type MembershipPatch,
  MUTE_CHOICES,
  muteBody,
  mutedNow,
  muteStatus,
  NOTIFY_LEVELS,
  notifyLevelOf,
  UNMUTE_BODY,
} from '../../notifications/conversation-prefs';
import { useNow } from '../../notifications/use-now';
import { FormError } from '../../ui/FormError';
import { Modal } from '../../ui/Modal';
import './notifications.css';

/** What reaches me from one conversation: a level (all, mentions, nothing) and a mute for a while or for good. */
export function ConversationNotifications({
  conversation: given,
  titled = true,
}: {
  conversation: ConversationResponse;
  /** With its own "Notifications" heading (inside group info); a dialog of its own is titled already. */
  titled?: boolean;
}) {
  const { http } = useSignedIn();
  // The list's copy is the live one (a dialog may hold the conversation as it was when it opened).
  const conversation = useConversations().data?.find((item) => item.id === given.id) ?? given;
  const queries = useQueryClient();
  const now = useNow();
  const titleId = useId();
  const [busy, setBusy] = useState(false);
  const muteArea = useRef<HTMLDivElement>(null);
  /** Set by a mute or unmute: the pressed button is replaced, so focus goes to the new block's first one. */
  const refocus = useRef(false);
  const [status, setStatus] = useState('');
  const [error, setError] = useState<string | null>(null);
  // The choice shows at once; it goes back if the server refuses it.
  const [chosen, setChosen] = useState<Level | null>(null);
  const level = chosen ?? notifyLevelOf(conversation);
  const muted = mutedNow(conversation, now);

  useEffect(() => {
    if (refocus.current) {
      refocus.current = false;
      muteArea.current?.querySelector('button')?.focus();
    }
  }, [muted]);

  async function save(body: MembershipPatch, done: string) {
    if (busy) {
      return;
    }
    setBusy(true);
    setError(null);
    setStatus('');
    try {
      const updated = await http.patch<ConversationResponse>(`/conversations/${conversation.id}/me`, body);
      queries.setQueryData<ConversationResponse[]>(queryKeys.conversations, (list) =>
        upsertConversation(list ?? [], updated),
      );
      refocus.current = body.muted !== undefined;
      setStatus(done);
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setChosen(null);
      setBusy(false);
    }
  }

  const label = (wanted: Level) => NOTIFY_LEVELS.find((item) => item.level === wanted)?.label ?? '';
  return (
    <section
      className="conversation-notifications"
      aria-labelledby={titled ? titleId : undefined}
      aria-label={titled ? undefined : 'Notifications'}
      aria-busy={busy}
    >
      {titled ? <h3 id={titleId}>Notifications</h3> : null}
      <fieldset className="notify-levels">
        <legend>Notify me about</legend>
        {NOTIFY_LEVELS.map((item) => (
          <label key={item.level}>
            <input
              type="radio"
              name={`notify-${conversation.id}`}
              value={item.level}
              checked={level === item.level}
              onChange={() => {
                if (busy) {
                  return;
                }
                setChosen(item.level);
                void save({ notify: item.level }, `Notify me about: ${label(item.level)}`);
              }}
            />
            <span>
              {item.label}
              <small>{item.hint}</small>
            </span>
          </label>
        ))}
      </fieldset>
      {muted ? (
        <div className="mute-choices" ref={muteArea}>
          <p className="mute-state">
            <span aria-hidden="true">🔕 </span>
            {muteStatus(conversation, now)}
          </p>
          <button type="button" onClick={() => void save(UNMUTE_BODY, 'Unmuted')}>
            Unmute
          </button>
        </div>
      ) : (
        <div className="mute-choices" role="group" aria-label="Mute this conversation" ref={muteArea}>
          <span>Mute:</span>
          {MUTE_CHOICES.map((choice) => (
            <button
              key={choice.id}
              type="button"
              onClick={() =>
                void save(
                  muteBody(choice, Date.now()),
                  choice.ms === null
                    ? 'Muted until you turn it back on'
                    : `Muted ${choice.label.toLowerCase()}`,
                )
              }
            >
              {choice.label}
            </button>
          ))}
        </div>
      )}
      <p className="visually-hidden" role="status">
        {status}
      </p>
      <FormError error={error} />
    </section>
  );
}

/** The same, in a dialog of its own (from a conversation's menu, direct chats included). */
export function ConversationNotificationsDialog({
  conversation,
  onClose,
}: {
  conversation: ConversationResponse;
  onClose: () => void;
}) {
  return (
    <Modal title="Notification settings" onClose={onClose}>
      <ConversationNotifications conversation={conversation} titled={false} />
      <div className="modal-actions">
        <button type="button" onClick={onClose}>
          Done
        </button>
      </div>
    </Modal>
  );
}
