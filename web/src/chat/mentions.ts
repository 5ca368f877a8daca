/**
 * Mentions travel as `@<userId>` (what the server recognises and stores in `mentions`); people read and
 * type them as `@Display Name`. These functions convert between the two and split content for rendering.
 */

const MENTION = /@([a-f\d]{24})\b/gi;

export interface MentionTarget {
  userId: string;
  displayName: string;
}

export type ContentToken = { kind: 'text'; text: string } | { kind: 'mention'; userId: string };

/** Splits stored content into text and `@<userId>` mention tokens (ids in lower case). */
export function tokenizeContent(content: string): ContentToken[] {
  const tokens: ContentToken[] = [];
  let last = 0;
  for (const match of content.matchAll(MENTION)) {
    const index = match.index ?? 0;
    if (index > last) {
      tokens.push({ kind: 'text', text: content.slice(last, index) });
    }
    tokens.push({ kind: 'mention', userId: match[1].toLowerCase() });
    last = index + match[0].length;
  }
  if (last < content.length) {
    tokens.push({ kind: 'text', text: content.slice(last) });
  }
  return tokens;
}

/** The `@query` being typed right before the caret, if any (an `@` at the start or after whitespace). */
export function activeMentionQuery(text: string, caret: number): { start: number; query: string } | null {
  const before = text.slice(0, caret);
  const match = /(^|\s)@([^\s@]{0,32})$/.exec(before);
  if (!match) {
    return null;
  }
  return { start: before.length - match[2].length - 1, query: match[2] };
}

/** Replaces the `@query` at `start..caret` with `@Display Name ` and says where the caret goes. */
export function insertMention(
  text: string,
  start: number,
  caret: number,
  target: MentionTarget,
): { text: string; caret: number } {
  const inserted = `@${target.displayName} `;
  return { text: text.slice(0, start) + inserted + text.slice(caret), caret: start + inserted.length };
}

/** Members whose name has a word starting with the query (case and accents ignored), at most `limit`. */
export function matchMembers<T extends MentionTarget>(members: readonly T[], query: string, limit = 8): T[] {
  const wanted = fold(query);
  return members
    .filter(
      (member) =>
        wanted === '' ||
        fold(member.displayName)
          .split(/\s+/)
          .some((word) => word.startsWith(wanted)) ||
        fold(member.displayName).startsWith(wanted),
    )
    .slice(0, limit);
}

/** `@Display Name` of picked members back to `@<userId>` for sending; longer names first so prefixes do not win. */
export function encodeMentions(text: string, picked: readonly MentionTarget[]): string {
  const byLength = [...picked].sort((a, b) => b.displayName.length - a.displayName.length);
  let result = text;
  for (const target of byLength) {
    result = result.split(`@${target.displayName}`).join(`@${target.userId}`);
  }
  return result;
}

/** Stored content to what the composer shows (for editing), and the mentions it holds. */
export function decodeMentions(
  content: string,
  nameOf: (userId: string) => string | undefined,
): { text: string; picked: MentionTarget[] } {
  const picked: MentionTarget[] = [];
  const text = tokenizeContent(content)
    .map((token) => {
      if (token.kind === 'text') {
        return token.text;
      }
      const displayName = nameOf(token.userId);
      if (!displayName) {
        return `@${token.userId}`;
      }
      if (!picked.some((item) => item.userId === token.userId)) {
        picked.push({ userId: token.userId, displayName });
      }
      return `@${displayName}`;
    })
    .join('');
  return { text, picked };
}

function fold(value: string): string {
  return value.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}
