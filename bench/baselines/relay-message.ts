/**
 * What both baseline relays do per message: no auth, no storage, build a message of Parley's shape so the
 * bytes on the wire match, and hand it back for the ack and the room broadcast.
 */
export interface RelayPayload {
  conversationId: string;
  clientMessageId?: string;
  content: string;
}

let counter = 0;

/** The baselines get "tokens" of the form `<userId>:<room>,<room>` from the harness; nothing is verified. */
export function parseBaselineToken(token: unknown): { userId: string; rooms: string[] } {
  const [userId, rooms] = (typeof token === 'string' ? token : '').split(':');
  return { userId: userId ?? '', rooms: (rooms ?? '').split(',').filter(Boolean) };
}

export function relayMessage(senderId: string, payload: RelayPayload): Record<string, unknown> {
  counter += 1;
  return {
    id: counter.toString(16).padStart(24, '0'),
    clientMessageId: payload.clientMessageId ?? null,
    conversationId: payload.conversationId,
    seq: counter,
    senderId,
    type: 'text',
    content: payload.content,
    attachments: [],
    replyTo: null,
    reactions: [],
    editedAt: null,
    deletedAt: null,
    createdAt: new Date().toISOString(),
  };
}

export function listenPort(): number {
  return Number(process.argv[2] ?? 0);
}
