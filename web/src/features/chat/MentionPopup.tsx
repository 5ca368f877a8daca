import type { MemberSummary } from '../../api/types';
import { Avatar } from './Avatar';

/** The members matching an `@query`, as a listbox the composer drives with the keyboard. */
export function MentionPopup({
  id,
  options,
  active,
  onPick,
}: {
  id: string;
  options: readonly MemberSummary[];
  active: number;
  onPick: (member: MemberSummary) => void;
}) {
  return (
    <ul id={id} role="listbox" aria-label="Mention a member" className="mention-popup">
      {options.map((member, index) => (
        <li
          key={member.userId}
          id={`${id}-${index}`}
          role="option"
          aria-selected={index === active}
          className={index === active ? 'active' : undefined}
          // mousedown, not click: the text box keeps the focus.
          onMouseDown={(event) => {
            event.preventDefault();
            onPick(member);
          }}
        >
          <Avatar id={member.userId} name={member.displayName} url={member.avatarUrl} />
          {member.displayName}
        </li>
      ))}
    </ul>
  );
}
