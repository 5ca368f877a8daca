import type { MessageResponse } from '../../api/types';
import { typeOf } from '../../chat/conversation-list';
import { tokenizeContent } from '../../chat/mentions';

/** The text of a message with `@<userId>` shown as a highlighted `@Name`. */
export function MessageContent({
  message,
  nameOf,
  myUserId,
}: {
  message: MessageResponse;
  nameOf: (userId: string) => string;
  myUserId: string;
}) {
  if (message.deletedAt) {
    return (
      <em className="tombstone">
        {message.removedBy === 'moderation' ? 'Removed by moderation' : 'Message deleted'}
      </em>
    );
  }
  if (message.content === null) {
    return typeOf(message) === 'text' ? <em className="tombstone">Message unavailable</em> : null;
  }
  return (
    <>
      {tokenizeContent(message.content).map((token, index) =>
        token.kind === 'text' ? (
          token.text
        ) : (
          <span key={index} className={`mention${token.userId === myUserId ? ' me' : ''}`}>
            @{nameOf(token.userId)}
          </span>
        ),
      )}
    </>
  );
}
