/** Bare Socket.IO 4 relay: the ceiling of Parley's own stack (no auth, no storage, no Redis adapter). */
import { serveSocketIoRelay } from './socketio-server';

serveSocketIoRelay();
