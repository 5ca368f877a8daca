import type { Ack, ClientToServerEvents } from '../api/types';
import type { ChatSocket } from '../realtime/connection';
import { SocketCallError } from './socket-call-error';

const ACK_TIMEOUT_MS = 10_000;

export type ClientEventName = keyof ClientToServerEvents;
export type PayloadOf<E extends ClientEventName> = Parameters<ClientToServerEvents[E]>[0];
/** The `data` of a successful ack of event E, as the server's own map declares it. */
export type AckDataOf<E extends ClientEventName> =
  Parameters<Parameters<ClientToServerEvents[E]>[1]>[0] extends Ack<infer T> ? T : never;

/**
 * A client event with its ack, as a promise: the ack's data, or a SocketCallError with the server's code
 * (or OFFLINE / TIMEOUT when the server never answered).
 */
export async function callWithAck<E extends ClientEventName>(
  socket: ChatSocket,
  event: E,
  payload: PayloadOf<E>,
): Promise<AckDataOf<E>> {
  if (!socket.connected) {
    throw new SocketCallError('OFFLINE', 'You are offline. Try again when the connection is back.');
  }
  // Socket.IO's emit types cannot follow a generic event name; the signature above carries the pairing.
  const loose = socket as unknown as {
    timeout(ms: number): { emitWithAck(event: string, payload: unknown): Promise<Ack<AckDataOf<E>>> };
  };
  let ack: Ack<AckDataOf<E>>;
  try {
    ack = await loose.timeout(ACK_TIMEOUT_MS).emitWithAck(event, payload);
  } catch {
    throw new SocketCallError('TIMEOUT', 'The server did not answer. Try again.');
  }
  if (!ack.ok) {
    throw new SocketCallError(ack.error.code, ack.error.message);
  }
  return ack.data;
}
