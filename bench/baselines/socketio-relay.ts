/** Bare Socket.IO 4 relay: the ceiling of Parley's own stack (no auth, no storage, no Redis adapter). */
import { createServer } from 'node:http';
import { Server } from 'socket.io';
import { listenPort, parseBaselineToken, RelayPayload, relayMessage } from './relay-message';

const http = createServer();
const io = new Server(http, { serveClient: false, transports: ['websocket'] });

io.of('/chat').on('connection', (socket) => {
  const { userId, rooms } = parseBaselineToken((socket.handshake.auth as { token?: unknown }).token);
  void socket.join(rooms);
  socket.on('send_message', (payload: RelayPayload, ack?: (response: unknown) => void) => {
    const message = relayMessage(userId, payload);
    ack?.({ ok: true, data: message });
    io.of('/chat').to(payload.conversationId).emit('new_message', message);
  });
});

http.listen(listenPort(), '127.0.0.1', () => process.stdout.write('relay ready\n'));
