/**
 * The Socket.IO relay server both Socket.IO baselines run: join the token's rooms, and per `send_message`
 * build the message, let `beforeAck` do its work (storing it, for the storing relay), then ack and emit to
 * the room. A failed `beforeAck` is answered with an error ack and nothing is relayed.
 */
import { createServer } from 'node:http';
import { Server } from 'socket.io';
import { listenPort, parseBaselineToken, RelayPayload, relayMessage } from './relay-message';

type Ack = (response: unknown) => void;

export function serveSocketIoRelay(beforeAck?: (message: Record<string, unknown>) => Promise<unknown>): void {
  const http = createServer();
  const io = new Server(http, { serveClient: false, transports: ['websocket'] });
  const relay = (payload: RelayPayload, message: Record<string, unknown>, ack?: Ack) => {
    ack?.({ ok: true, data: message });
    io.of('/chat').to(payload.conversationId).emit('new_message', message);
  };
  io.of('/chat').on('connection', (socket) => {
    const { userId, rooms } = parseBaselineToken((socket.handshake.auth as { token?: unknown }).token);
    void socket.join(rooms);
    socket.on('send_message', (payload: RelayPayload, ack?: Ack) => {
      const message = relayMessage(userId, payload);
      if (!beforeAck) {
        relay(payload, message, ack);
        return;
      }
      beforeAck(message).then(
        () => relay(payload, message, ack),
        (error: Error) => ack?.({ ok: false, error: { code: 'STORE_FAILED', message: error.message } }),
      );
    });
  });
  http.listen(listenPort(), '127.0.0.1', () => process.stdout.write('relay ready\n'));
}
