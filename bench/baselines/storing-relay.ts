/**
 * The bare Socket.IO relay plus the one thing Parley must do before its ack: store the message. Each send is
 * one `insertOne` with the raw driver (default write concern) into the run's database, then the ack and the
 * room broadcast. No auth, no seq, no idempotency, no batching: the ceiling of "persist, then relay" on the
 * database under test, so a Parley figure can be told apart from its database's.
 */
import { createServer } from 'node:http';
import { MongoClient, ObjectId } from 'mongodb';
import { Server } from 'socket.io';
import { listenPort, parseBaselineToken, RelayPayload, relayMessage } from './relay-message';

const uri = process.env.STORING_RELAY_MONGODB_URI;
if (!uri) {
  throw new Error('STORING_RELAY_MONGODB_URI is required');
}
const client = new MongoClient(uri);
const messages = client.db().collection('messages');

const http = createServer();
const io = new Server(http, { serveClient: false, transports: ['websocket'] });

io.of('/chat').on('connection', (socket) => {
  const { userId, rooms } = parseBaselineToken((socket.handshake.auth as { token?: unknown }).token);
  void socket.join(rooms);
  socket.on('send_message', (payload: RelayPayload, ack?: (response: unknown) => void) => {
    const message = relayMessage(userId, payload);
    messages
      .insertOne({ ...message, _id: new ObjectId() })
      .then(() => {
        ack?.({ ok: true, data: message });
        io.of('/chat').to(payload.conversationId).emit('new_message', message);
      })
      .catch((error: Error) => ack?.({ ok: false, error: { code: 'STORE_FAILED', message: error.message } }));
  });
});

// The collection exists before the first send, as Parley's do once it has started.
void client
  .connect()
  .then(() => client.db().createCollection('messages'))
  .then(() => http.listen(listenPort(), '127.0.0.1', () => process.stdout.write('relay ready\n')));
