import { useEffect } from 'react';
import { useParams } from 'react-router';
import { useSignedIn } from '../../auth/auth-context';
import { conversationTitle } from '../../chat/conversation-list';
import { useConversations, useMessageWindow } from '../../chat/hooks';
import { Composer } from './Composer';
import { MessageList } from './MessageList';

export function ConversationView() {
  const { conversationId = '' } = useParams();
  const { user, session } = useSignedIn();
  const conversations = useConversations();
  const window = useMessageWindow(conversationId);
  const conversation = conversations.data?.find((item) => item.id === conversationId);
  const lastSeq = window.data?.messages.at(-1)?.seq ?? 0;

  useEffect(() => {
    session.openConversationId = conversationId;
    return () => {
      session.openConversationId = null;
    };
  }, [session, conversationId]);

  // Reading the conversation: everything shown is read, on this device and (through the server) on others.
  useEffect(() => {
    if (lastSeq > 0 && document.visibilityState === 'visible') {
      session.connection.socket.emit('open_conversation', { conversationId }, () => undefined);
    }
  }, [session, conversationId, lastSeq]);

  if (conversations.isSuccess && !conversation) {
    return <p className="pad">This conversation does not exist or you are not a member.</p>;
  }
  return (
    <section className="conversation" aria-label={conversation ? conversationTitle(conversation, user.id) : 'Conversation'}>
      <header className="conversation-header">
        <h2>{conversation ? conversationTitle(conversation, user.id) : '…'}</h2>
      </header>
      <MessageList conversationId={conversationId} window={window.data} />
      <Composer conversationId={conversationId} />
    </section>
  );
}
