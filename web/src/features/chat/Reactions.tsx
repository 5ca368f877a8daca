import type { MessageResponse } from '../../api/types';

/** The reactions under a message: one toggle per emoji, with who reacted in its label. */
export function Reactions({
  message,
  myUserId,
  nameOf,
  onToggle,
}: {
  message: MessageResponse;
  myUserId: string;
  nameOf: (userId: string) => string;
  onToggle: (emoji: string, mine: boolean) => void;
}) {
  if (message.reactions.length === 0) {
    return null;
  }
  return (
    <ul className="reactions" aria-label="Reactions">
      {message.reactions.map((reaction) => {
        const mine = reaction.userIds.includes(myUserId);
        const who = reaction.userIds.map((id) => (id === myUserId ? 'you' : nameOf(id))).join(', ');
        const label = `${reaction.emoji} ${reaction.userIds.length}: ${who}`;
        return (
          <li key={reaction.emoji}>
            <button
              type="button"
              className={`reaction${mine ? ' mine' : ''}`}
              aria-pressed={mine}
              aria-label={label}
              title={who}
              onClick={() => onToggle(reaction.emoji, mine)}
            >
              <span aria-hidden="true">{reaction.emoji}</span> {reaction.userIds.length}
            </button>
          </li>
        );
      })}
    </ul>
  );
}
