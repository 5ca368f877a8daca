/**
 * What an email digest says: what is unread, grouped by conversation, as names and counts. It never holds
 * message text: messages are encrypted at rest and an email is not, so a digest only points back to them.
 */

/** One unread thing to tell about; the digest job reads them, newest first. */
export type DigestItem =
  /** A direct conversation with unread messages; `title` is the other person's name. */
  | { kind: 'messages'; conversationId: string; title: string; count: number }
  /** An unread mention or missed-call entry (aggregated); `actors` most recent first, `title` its conversation's. */
  | {
      kind: 'mention' | 'missed_call';
      conversationId: string | null;
      title: string | null;
      actors: string[];
      actorCount: number;
      count: number;
    }
  /** A service notification sent with the email channel: its title (a service's text, not a message). */
  | { kind: 'service'; title: string | null };

/** One block of the email: a conversation (linked to it) or, `conversationId` null, the notification center. */
export interface DigestSection {
  conversationId: string | null;
  title: string;
  lines: string[];
}

export interface DigestEmail {
  subject: string;
  text: string;
  html: string;
}

const NOTIFICATIONS_SECTION = 'Notifications';

const plural = (count: number, one: string, many = `${one}s`) => `${count} ${count === 1 ? one : many}`;

/** "Ana", "Ana and Bo", "Ana, Bo and Cy", "Ana, Bo and 3 others": the names given, `total` counting them all. */
export function actorList(names: readonly string[], total: number): string {
  const count = Math.max(total, names.length);
  if (names.length === 0) {
    return count > 1 ? plural(count, 'person', 'people') : 'Someone';
  }
  if (names.length === count && count <= 3) {
    return count === 1 ? names[0] : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
  }
  const shown = names.slice(0, 2);
  return `${shown.join(', ')} and ${plural(count - shown.length, 'other')}`;
}

function lineOf(item: DigestItem): string {
  switch (item.kind) {
    case 'messages':
      return plural(item.count, 'unread message');
    case 'mention': {
      const times = item.count === 1 ? '' : ` ${item.count} times`;
      return `${actorList(item.actors, item.actorCount)} mentioned you${times}`;
    }
    case 'missed_call': {
      const calls = item.count === 1 ? 'Missed call' : `${item.count} missed calls`;
      return `${calls} from ${actorList(item.actors, item.actorCount)}`;
    }
    case 'service':
      return item.title ?? 'New notification';
  }
}

/**
 * The items grouped by conversation, in the order each conversation first appears (newest first, as given);
 * what belongs to no conversation goes last, under the notification center.
 */
export function digestSections(items: readonly DigestItem[]): DigestSection[] {
  const sections = new Map<string | null, DigestSection>();
  for (const item of items) {
    const conversationId = item.kind === 'service' ? null : item.conversationId;
    const title =
      item.kind === 'service' || conversationId === null
        ? NOTIFICATIONS_SECTION
        : (item.title ?? 'Conversation');
    const section: DigestSection = sections.get(conversationId) ?? { conversationId, title, lines: [] };
    section.lines.push(lineOf(item));
    sections.set(conversationId, section);
  }
  const general = sections.get(null);
  sections.delete(null);
  return general ? [...sections.values(), general] : [...sections.values()];
}

/** "3 unread messages and 2 mentions": the totals of each kind, for the subject line. */
export function digestSummary(items: readonly DigestItem[]): string {
  const total = (kind: DigestItem['kind']) =>
    items
      .filter((item) => item.kind === kind)
      .reduce((sum, item) => sum + ('count' in item ? item.count : 1), 0);
  const parts = [
    [total('messages'), 'unread message'],
    [total('mention'), 'mention'],
    [total('missed_call'), 'missed call'],
    [total('service'), 'notification'],
  ]
    .filter(([count]) => (count as number) > 0)
    .map(([count, noun]) => plural(count as number, noun as string));
  return parts.length <= 1 ? (parts[0] ?? '') : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
}

export interface DigestLinks {
  /** The web client's origin and base path, without a trailing slash (`PUBLIC_WEB_URL`). */
  webUrl: string;
  /** The web page that unsubscribes (it POSTs the one-click route). */
  unsubscribeUrl: string;
}

function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char]!,
  );
}

const sectionLink = (links: DigestLinks, section: DigestSection) =>
  section.conversationId === null
    ? `${links.webUrl}/notifications`
    : `${links.webUrl}/c/${encodeURIComponent(section.conversationId)}`;

/** The email: a plain-text part and a simple HTML part saying the same, names escaped. */
export function renderDigest(
  recipientName: string,
  items: readonly DigestItem[],
  links: DigestLinks,
): DigestEmail {
  const sections = digestSections(items);
  const summary = digestSummary(items);
  const footer = 'You get this email because email digests are on for your Parley account.';
  const text = [
    `Hi ${recipientName},`,
    '',
    `While you were away: ${summary}.`,
    '',
    ...sections.flatMap((section) => [
      section.title,
      ...section.lines.map((line) => `  ${line}`),
      `  ${sectionLink(links, section)}`,
      '',
    ]),
    `All your notifications: ${links.webUrl}/notifications`,
    '',
    '--',
    footer,
    `Unsubscribe: ${links.unsubscribeUrl}`,
    `Settings: ${links.webUrl}/settings`,
    '',
  ].join('\n');
  const html = [
    '<!doctype html><html><body style="font-family:sans-serif;line-height:1.4">',
    `<p>Hi ${escapeHtml(recipientName)},</p>`,
    `<p>While you were away: ${escapeHtml(summary)}.</p>`,
    ...sections.map(
      (section) =>
        `<p><a href="${escapeHtml(sectionLink(links, section))}"><strong>${escapeHtml(section.title)}</strong></a>` +
        section.lines.map((line) => `<br>${escapeHtml(line)}`).join('') +
        '</p>',
    ),
    `<p><a href="${escapeHtml(`${links.webUrl}/notifications`)}">All your notifications</a></p>`,
    `<hr><p style="font-size:small;color:#666">${escapeHtml(footer)} ` +
      `<a href="${escapeHtml(links.unsubscribeUrl)}">Unsubscribe</a> &middot; ` +
      `<a href="${escapeHtml(`${links.webUrl}/settings`)}">Settings</a></p>`,
    '</body></html>',
  ].join('\n');
  return { subject: `Parley: ${summary}`, text, html };
}
