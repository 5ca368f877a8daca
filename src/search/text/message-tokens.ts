import LinkifyIt from 'linkify-it';
import { textTokens } from './search-text';

export interface IndexedMessage {
  conversationId: string;
  messageId: string;
  senderId: string;
  createdAt: Date;
  content: string | null;
  attachments: ReadonlyArray<{ name: string; kind: string }>; // kind: image|video|audio|voice|file|...
}

/** `has=` filters, as `h:` pseudo tokens. */
export const HAS_TOKENS = {
  attachment: 'h:attachment',
  image: 'h:image',
  video: 'h:video',
  audio: 'h:audio',
  file: 'h:file',
  link: 'h:link',
} as const;

/** The `from=` filter's pseudo token. */
export function senderToken(senderId: string): string {
  return `f:${senderId}`;
}

const linkify = new LinkifyIt();

/** Whether the text holds an http(s) URL or a `www.` host (not a bare domain, an email or another scheme). */
export function hasLink(text: string): boolean {
  return (linkify.match(text) ?? []).some(
    (match) =>
      match.schema === 'http:' ||
      match.schema === 'https:' ||
      (match.schema === '' && /^www\./i.test(match.raw)),
  );
}

function kindToken(kind: string): string {
  switch (kind) {
    case 'image':
      return HAS_TOKENS.image;
    case 'video':
      return HAS_TOKENS.video;
    case 'audio':
    case 'voice':
      return HAS_TOKENS.audio;
    default:
      return HAS_TOKENS.file;
  }
}

/** Every token of a message: text tokens of content and names, plus f:/h: pseudo tokens. Deduplicated. */
export function messageTokens(message: IndexedMessage): string[] {
  const tokens = new Set<string>([senderToken(message.senderId)]);
  if (message.content) {
    textTokens(message.content).forEach((token) => tokens.add(token));
    if (hasLink(message.content)) {
      tokens.add(HAS_TOKENS.link);
    }
  }
  for (const attachment of message.attachments) {
    tokens.add(HAS_TOKENS.attachment);
    tokens.add(kindToken(attachment.kind));
    textTokens(attachment.name).forEach((token) => tokens.add(token));
  }
  return [...tokens];
}

/** Milliseconds in base 36, 9 digits: enough until the year 5138, so entries compare as strings by time. */
const TIME_DIGITS = 9;
const ENTRY = /^([0-9a-z]{9})\.([0-9a-f]{24})$/;

/**
 * A message in a posting: `<createdAt ms, base 36, 9 digits>.<messageId hex>` (34 characters). Entries sort as
 * strings by time, then id: newest first is descending order.
 */
export function entryOf(message: { messageId: string; createdAt: Date }): string {
  return `${message.createdAt.getTime().toString(36).padStart(TIME_DIGITS, '0')}.${message.messageId}`;
}

export function parseEntry(entry: string): { createdAt: number; messageId: string } | null {
  const match = ENTRY.exec(entry);
  return match ? { createdAt: parseInt(match[1], 36), messageId: match[2] } : null;
}
