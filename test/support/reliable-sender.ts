import { randomUUID } from 'node:crypto';
import { Socket } from 'socket.io-client';
import { emitWithAck } from './socket-client';

export interface SentMessage {
  id: string;
  seq: number;
  clientMessageId: string;
}

/**
 * What a well-behaved client does: every message gets a clientMessageId once, and is resent with the same
 * id until the server acks it (after a timeout, a refused event or a reconnect), so it is stored exactly once.
 */
export async function sendReliably(
  socket: Socket,
  conversationId: string,
  content: string,
  { attempts = 60, retryDelayMs = 100 } = {},
): Promise<SentMessage & { tries: number }> {
  const clientMessageId = randomUUID();
  for (let tries = 1; tries <= attempts; tries += 1) {
    if (socket.connected) {
      try {
        const ack = await emitWithAck<SentMessage>(
          socket,
          'send_message',
          { conversationId, content, clientMessageId },
          2000,
        );
        if (ack.ok) {
          return { ...ack.data, tries };
        }
      } catch {
        // no ack in time: the connection dropped or the server is gone; retry
      }
    }
    await new Promise((resolve) => setTimeout(resolve, retryDelayMs));
  }
  throw new Error(`message "${content}" was never acknowledged`);
}
