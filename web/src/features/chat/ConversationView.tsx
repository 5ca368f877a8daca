import { type ReactNode, useCallback, useMemo, useRef, useState } from 'react';
import { useParams } from 'react-router';
import type { ConversationResponse } from '../../api/types';
import { useSignedIn } from '../../auth/auth-context';
import { conversationTitle, typeOf } from '../../chat/conversation-list';
import { useConversations, useMessageWindow } from '../../chat/hooks';
import { JoinCallBanner } from '../calls/JoinCallBanner';
import { BlockNotice } from './BlockNotice';
import { Composer, type ComposerMode } from './Composer';
import { ConversationHeader } from './ConversationHeader';
import { ReportDialog } from '../moderation/ReportDialog';
import { GroupInfoDialog } from './GroupInfoDialog';
import { ConversationNotificationsDialog } from '../notifications/ConversationNotifications';
import type { BubbleEnvironment } from './MessageBubble';
import { MessageList } from './MessageList';
import { ConfirmDialog } from '../../ui/Modal';
import { useJumpToMessage } from './use-jump-to-message';
import { useReadAndReceipts } from './use-read-and-receipts';

export function ConversationView() {
  const { conversationId = '' } = useParams();
  const conversations = useConversations();
  const conversation = conversations.data?.find((item) => item.id === conversationId);
  if (conversations.isSuccess && !conversation) {
    return <p className="pad">This conversation does not exist or you are not a member.</p>;
  }
  if (!conversation) {
    return <p className="pad muted">Loading…</p>;
  }
  // Keyed: a reply, an edit or a dialog never leaks into another conversation.
  return <ConversationScreen key={conversation.id} conversation={conversation} />;
}

function ConversationScreen({ conversation }: { conversation: ConversationResponse }) {
  const { user, session, http } = useSignedIn();
  const window = useMessageWindow(conversation.id);
  const [mode, setMode] = useState<ComposerMode>(null);
  const [dialog, setDialog] = useState<((close: () => void) => ReactNode) | null>(null);
  const [notice, setNotice] = useState('');
  const noticeTimer = useRef<ReturnType<typeof setTimeout>>(undefined);
  useReadAndReceipts(conversation.id, window.data);

  const notify = useCallback((text: string) => {
    setNotice(text);
    clearTimeout(noticeTimer.current);
    noticeTimer.current = setTimeout(() => setNotice(''), 5000);
  }, []);

  const names = useMemo(
    () => new Map(conversation.members.map((member) => [member.userId, member.displayName])),
    [conversation.members],
  );
  const nameOf = useCallback(
    (userId: string) => (userId === user.id ? user.displayName : (names.get(userId) ?? 'Unknown member')),
    [names, user],
  );
  const avatars = useMemo(
    () => new Map(conversation.members.map((member) => [member.userId, member.avatarUrl])),
    [conversation.members],
  );
  const messages = window.data?.messages;
  const byId = useMemo(() => new Map((messages ?? []).map((message) => [message.id, message])), [messages]);

  const jumpTo = useCallback((id: string) => {
    const element = document.getElementById(`msg-${id}`);
    element?.scrollIntoView({ block: 'center' });
    element?.focus();
    element?.classList.add('flash');
    setTimeout(() => element?.classList.remove('flash'), 1500);
  }, []);
  const linkMissed = useCallback(
    () => notify('That message is no longer in this conversation (or is older than your history here).'),
    [notify],
  );
  useJumpToMessage(conversation.id, window.data, jumpTo, linkMissed);

  const env = useMemo<BubbleEnvironment>(() => {
    const call = (
      event: 'add_reaction' | 'remove_reaction' | 'delete_message',
      payload: { messageId: string; emoji?: string },
    ) =>
      session
        .call(event, { conversationId: conversation.id, ...payload })
        .then((message) => session.applyMessages([message]))
        .catch((error: unknown) => notify(error instanceof Error ? error.message : 'That did not work'));
    const open = (render: (close: () => void) => ReactNode) => setDialog(() => render);
    return {
      conversation,
      myUserId: user.id,
      nameOf,
      avatarOf: (userId) => avatars.get(userId) ?? null,
      findMessage: (id) => byId.get(id),
      toggleReaction: (message, emoji, mine) =>
        void call(mine ? 'remove_reaction' : 'add_reaction', { messageId: message.id, emoji }),
      jumpTo,
      actionContext: (message) => ({
        message,
        conversation,
        myUserId: user.id,
        session,
        http,
        notify,
        openDialog: open,
        reply: () => setMode({ kind: 'reply', message }),
        edit: () => setMode({ kind: 'edit', message }),
        confirmDelete: () =>
          open((close) => (
            <ConfirmDialog
              title="Delete message?"
              message="It will be deleted for everyone in this conversation."
              confirmLabel="Delete"
              onClose={close}
              onConfirm={() => void call('delete_message', { messageId: message.id })}
            />
          )),
      }),
    };
  }, [conversation, user.id, nameOf, avatars, byId, session, http, notify, jumpTo]);

  const editLast = () => {
    const last = [...(messages ?? [])]
      .reverse()
      .find((m) => m.senderId === user.id && !m.deletedAt && typeOf(m) === 'text');
    if (last) {
      setMode({ kind: 'edit', message: last });
    }
  };

  return (
    <section className="conversation" aria-label={conversationTitle(conversation, user.id)}>
      <ConversationHeader
        conversation={conversation}
        nameOf={nameOf}
        notify={notify}
        openDialog={(render) => setDialog(() => render)}
        openInfo={() =>
          setDialog(() => (close: () => void) => (
            <GroupInfoDialog conversation={conversation} onClose={close} />
          ))
        }
        openNotifications={() =>
          setDialog(() => (close: () => void) => (
            <ConversationNotificationsDialog conversation={conversation} onClose={close} />
          ))
        }
        openReport={(userId, name) =>
          setDialog(() => (close: () => void) => (
            <ReportDialog target={{ type: 'user', id: userId, label: name }} onClose={close} />
          ))
        }
      />
      <JoinCallBanner conversation={conversation} />
      {window.isError ? <p className="form-error pad">Could not load messages.</p> : null}
      <MessageList window={window.data} env={env} />
      <p className="notice" role="status" aria-live="polite">
        {notice}
      </p>
      <BlockNotice conversation={conversation} peerName={conversationTitle(conversation, user.id)}>
        <Composer
          conversation={conversation}
          mode={mode}
          setMode={setMode}
          nameOf={nameOf}
          editLast={editLast}
          notify={notify}
        />
      </BlockNotice>
      {dialog ? dialog(() => setDialog(null)) : null}
    </section>
  );
}
