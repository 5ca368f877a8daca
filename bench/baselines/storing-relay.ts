/**
 * The bare Socket.IO relay plus the one thing Parley must do before its ack: store the message. Each send is
 * one `insertOne` with the raw driver (default write concern) into the run's database, then the ack and the
 * room broadcast. No auth, no seq, no idempotency, no batching: the ceiling of "persist, then relay" on the
 * database under test, so a Parley figure can be told apart from its database's.
 */
import { MongoClient, ObjectId } from 'mongodb';
import { serveSocketIoRelay } from './socketio-server';

const uri = process.env.STORING_RELAY_MONGODB_URI;
if (!uri) {
  throw new Error('STORING_RELAY_MONGODB_URI is required');
}
const client = new MongoClient(uri);
const messages = client.db().collection('messages');

// The collection exists before the first send, as Parley's do once it has started.
void client
  .connect()
  .then(() => client.db().createCollection('messages'))
  .then(() => serveSocketIoRelay((message) => messages.insertOne({ ...message, _id: new ObjectId() })));
