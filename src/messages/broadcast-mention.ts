/** `@all` (every member) or `@here` (members online), as a word of its own: not `a@here.example`, `@heretic`. */
const BROADCAST = /(?<![\w@.])@(all|here)(?![\w@-])/gi;

/**
 * Which broadcast mention a text holds: `all` wins over `here` (it reaches everyone `here` would), null
 * when none. Only group conversations act on it (see docs/notifications.md#inbox).
 */
export function broadcastMentionOf(content: string): 'all' | 'here' | null {
  let found: 'all' | 'here' | null = null;
  for (const match of content.matchAll(BROADCAST)) {
    if (match[1].toLowerCase() === 'all') {
      return 'all';
    }
    found = 'here';
  }
  return found;
}
