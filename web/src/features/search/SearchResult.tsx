import { Link } from 'react-router';
import { excerpt, highlightContent, markText, type Piece } from './highlight';
import type { SearchHit } from '../../api/types';

/** About how much of a long message a result shows, around its first match. */
const EXCERPT_CHARS = 280;
/** Attachment names shown under a result; the rest are counted. */
const NAMES_SHOWN = 3;

/**
 * One hit: where (the conversation as the list names it), who, when, and the text with what matched marked.
 * It opens the conversation at that message (`?message=`, with its seq so older history loads until it).
 */
export function SearchResult({
  hit,
  place,
  senderName,
  nameOf,
}: {
  hit: SearchHit;
  place: string;
  senderName: string;
  nameOf: (userId: string) => string;
}) {
  const { message } = hit;
  const pieces = message.content
    ? excerpt(highlightContent(message.content, hit.highlights.content), EXCERPT_CHARS)
    : [];
  const marked = new Map(hit.highlights.attachments.map((item) => [item.index, item.ranges]));
  // Names that matched first: they are why the message is here.
  const names = message.attachments
    .map((file, index) => ({ name: file.name ?? 'file', ranges: marked.get(index) ?? [] }))
    .sort((a, b) => Number(b.ranges.length > 0) - Number(a.ranges.length > 0));
  const to = `/c/${encodeURIComponent(message.conversationId)}?message=${encodeURIComponent(message.id)}&seq=${message.seq}`;
  return (
    <li className="search-hit">
      <Link to={to} className="search-hit-link">
        <span className="search-hit-meta">
          <span className="search-hit-place">{place}</span>
          <span className="search-hit-sender">{senderName}</span>
          <time dateTime={message.createdAt}>{hitTime(message.createdAt)}</time>
        </span>
        {pieces.length > 0 ? (
          <span className="search-hit-text">
            <Pieces pieces={pieces} nameOf={nameOf} />
          </span>
        ) : null}
        {names.length > 0 ? (
          <span className="search-hit-files">
            {names.slice(0, NAMES_SHOWN).map((file, index) => (
              <span key={index} className="search-hit-file">
                <span aria-hidden="true">📎 </span>
                <Pieces
                  pieces={markText(file.name, file.ranges).map((piece) => ({ kind: 'text', ...piece }))}
                  nameOf={nameOf}
                />
              </span>
            ))}
            {names.length > NAMES_SHOWN ? (
              <span className="muted">and {names.length - NAMES_SHOWN} more</span>
            ) : null}
          </span>
        ) : null}
      </Link>
    </li>
  );
}

function Pieces({ pieces, nameOf }: { pieces: readonly Piece[]; nameOf: (userId: string) => string }) {
  return (
    <>
      {pieces.map((piece, index) => {
        const text = piece.kind === 'text' ? piece.text : `@${nameOf(piece.userId)}`;
        const className = piece.kind === 'mention' ? 'mention' : undefined;
        return piece.marked ? (
          <mark key={index} className={className}>
            {text}
          </mark>
        ) : (
          <span key={index} className={className}>
            {text}
          </span>
        );
      })}
    </>
  );
}

/** A date and a time: results span months, so the clock alone (as in a conversation) would not do. */
function hitTime(iso: string): string {
  const date = new Date(iso);
  const sameYear = date.getFullYear() === new Date().getFullYear();
  const day = date.toLocaleDateString([], {
    day: 'numeric',
    month: 'short',
    year: sameYear ? undefined : 'numeric',
  });
  return `${day}, ${date.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })}`;
}
