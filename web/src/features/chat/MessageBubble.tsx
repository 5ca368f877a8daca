import { memo, useState } from 'react';
import type { ConversationResponse, MessageResponse } from '../../api/types';
import { isGroup } from '../../chat/conversation-list';
import type { TickState } from '../../chat/receipt-pointers';
import { Avatar } from './Avatar';
import { Menu } from './Menu';
import { type MessageActionContext, messageActions, QUICK_REACTIONS } from './message-actions';
import { MessageAttachments } from './MessageAttachments';
import { MessageContent } from './MessageContent';
import { QuotedMessage } from './QuotedMessage';
import { Reactions } from './Reactions';
import { Ticks } from './Ticks';

/** What a bubble needs from its view, shared by every bubble (so they can be memoised). */
export interface BubbleEnvironment {
  conversation: ConversationResponse;
  myUserId: string;
  nameOf: (userId: string) => string;
  /** A member's picture, when the conversation's member summaries carry one. */
  avatarOf: (userId: string) => string | null;
  findMessage: (id: string) => MessageResponse | undefined;
  actionContext: (message: MessageResponse) => MessageActionContext;
  toggleReaction: (message: MessageResponse, emoji: string, mine: boolean) => void;
  jumpTo: (messageId: string) => void;
}

export const MessageBubble = memo(function MessageBubble({
  message,
  showSender,
  tick,
  env,
}: {
  message: MessageResponse;
  /** First of a run by someone else in a group: name and avatar shown. */
  showSender: boolean;
  tick: TickState | null;
  env: BubbleEnvironment;
}) {
  const [revealed, setRevealed] = useState(false);
  const mine = message.senderId === env.myUserId;
  const senderName = env.nameOf(message.senderId);
  const time = new Date(message.createdAt).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  const context = env.actionContext(message);
  const actions = messageActions.filter((action) => action.available(context));
  const hidden = message.senderBlocked && !revealed && !message.deletedAt;
  const live = message.deletedAt === null;
  return (
    <li
      id={`msg-${message.id}`}
      className={`message${mine ? ' mine' : ''}${showSender ? ' first' : ''}`}
      data-seq={message.seq}
      tabIndex={-1}
      aria-label={`${mine ? 'You' : senderName}, ${time}`}
    >
      {isGroup(env.conversation) && !mine ? (
        <span className="message-avatar">
          {showSender ? (
            <Avatar id={message.senderId} name={senderName} url={env.avatarOf(message.senderId)} />
          ) : null}
        </span>
      ) : null}
      <div className="bubble">
        {showSender && isGroup(env.conversation) && !mine ? <p className="sender">{senderName}</p> : null}
        {hidden ? (
          <p className="content blocked">
            <em>Message from someone you blocked.</em>{' '}
            <button type="button" className="link-button" onClick={() => setRevealed(true)}>
              Show
            </button>
          </p>
        ) : (
          <>
            {message.replyTo && live ? (
              <QuotedMessage
                conversationId={message.conversationId}
                id={message.replyTo}
                find={env.findMessage}
                nameOf={env.nameOf}
                onJump={env.jumpTo}
              />
            ) : null}
            {live ? <MessageAttachments message={message} /> : null}
            <p className="content">
              <MessageContent message={message} nameOf={env.nameOf} myUserId={env.myUserId} />
            </p>
          </>
        )}
        <p className="meta">
          {message.editedAt && live ? <span className="edited">edited</span> : null}
          <time dateTime={message.createdAt}>{time}</time>
          {tick ? <Ticks state={tick} /> : null}
        </p>
      </div>
      {!hidden ? (
        <Reactions
          message={message}
          myUserId={env.myUserId}
          nameOf={env.nameOf}
          onToggle={(emoji, wasMine) => env.toggleReaction(message, emoji, wasMine)}
        />
      ) : null}
      {live ? (
        <div className="message-tools">
          <Menu
            label="React"
            icon="☺"
            className="reaction-menu"
            items={QUICK_REACTIONS.map((emoji) => ({
              id: emoji,
              label: emoji,
              ariaLabel: `React with ${emoji}`,
              onSelect: () =>
                env.toggleReaction(
                  message,
                  emoji,
                  message.reactions.some(
                    (reaction) => reaction.emoji === emoji && reaction.userIds.includes(env.myUserId),
                  ),
                ),
            }))}
          />
          <Menu
            label="Message actions"
            icon="⋯"
            items={actions.map((action) => ({
              id: action.id,
              label: action.label,
              danger: action.danger,
              onSelect: () => action.run(context),
            }))}
          />
        </div>
      ) : null}
    </li>
  );
});
