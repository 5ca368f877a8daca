import { io, ManagerOptions, Socket, SocketOptions } from 'socket.io-client';
import type { ClientToServerEvents } from '../../src/messages/chat-events';
import type { Ack, ServerToClientEvents } from '../../src/realtime/events';

const DEFAULT_TIMEOUT_MS = 5000;
const openSockets = new Set<Socket>();

/** A `/chat` client typed with the protocol's maps; the helpers below also take untyped sockets (fuzzing). */
export type ChatClient = Socket<ServerToClientEvents, ClientToServerEvents>;

export type ChatClientOptions = Partial<ManagerOptions & SocketOptions>;

/** The options `connectChat` uses: WebSocket only, no automatic reconnection, a fresh connection each time. */
export function chatClientOptions(
  token: string | undefined,
  options: ChatClientOptions = {},
): ChatClientOptions {
  return {
    auth: token === undefined ? {} : { token },
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    timeout: DEFAULT_TIMEOUT_MS,
    ...options,
  };
}

/** Opens a socket on `/chat` (without waiting); it is closed by `closeSockets()`. */
export function openChat(
  baseUrl: string,
  token: string | undefined,
  options: ChatClientOptions = {},
): ChatClient {
  const socket: ChatClient = io(`${baseUrl}/chat`, chatClientOptions(token, options));
  openSockets.add(socket);
  return socket;
}

/** Connects to `/chat` as the user and resolves once the server accepted the connection. */
export async function connectChat(
  target: { url: string },
  user: { accessToken: string },
  options: ChatClientOptions = {},
): Promise<ChatClient> {
  const socket = openChat(target.url, user.accessToken, options);
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', (error) => reject(error));
  });
  return socket;
}

/** Resolves with the error of a connection the server refuses (`data` holds `{ code, message }`). */
export function connectError(
  target: { url: string },
  token: string | undefined,
  options: ChatClientOptions = {},
): Promise<Error & { data?: { code: string; message: string } }> {
  const socket = openChat(target.url, token, options);
  return new Promise((resolve, reject) => {
    socket.once('connect', () => reject(new Error('connection was accepted')));
    socket.once('connect_error', (error) =>
      resolve(error as Error & { data?: { code: string; message: string } }),
    );
  });
}

export function emitWithAck<T = unknown>(
  socket: Socket,
  event: string,
  payload?: unknown,
  timeoutMs = DEFAULT_TIMEOUT_MS,
): Promise<Ack<T>> {
  return socket.timeout(timeoutMs).emitWithAck(event, payload) as Promise<Ack<T>>;
}

/** The data of a successful ack; fails the test with the error otherwise. */
export async function ackData<T = unknown>(socket: Socket, event: string, payload?: unknown): Promise<T> {
  const ack = await emitWithAck<T>(socket, event, payload);
  if (!ack.ok) {
    throw new Error(`${event} failed: ${JSON.stringify(ack.error)}`);
  }
  return ack.data;
}

/** The next `event` whose payload satisfies `predicate`. */
export function nextEvent<T = unknown>(
  socket: Socket,
  event: string,
  predicate: (payload: T) => boolean = () => true,
  timeoutMs = DEFAULT_TIMEOUT_MS,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.off(event, listener);
      reject(new Error(`no "${event}" within ${timeoutMs} ms`));
    }, timeoutMs);
    const listener = (payload: T) => {
      if (predicate(payload)) {
        clearTimeout(timer);
        socket.off(event, listener);
        resolve(payload);
      }
    };
    socket.on(event, listener);
  });
}

/** Collects every `event` payload from now on, for asserting on what arrived (and what did not). */
export function collect<T = unknown>(socket: Socket, event: string): T[] {
  const received: T[] = [];
  socket.on(event, (payload: T) => received.push(payload));
  return received;
}

/** Resolves once the socket is disconnected, with the reason. */
export function disconnected(socket: Socket, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<string> {
  if (socket.disconnected) {
    return Promise.resolve('already disconnected');
  }
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`still connected after ${timeoutMs} ms`)), timeoutMs);
    socket.once('disconnect', (reason) => {
      clearTimeout(timer);
      resolve(reason);
    });
  });
}

export function closeSockets(): void {
  for (const socket of openSockets) {
    socket.disconnect();
  }
  openSockets.clear();
}

/** Fails if `event` arrives within `ms`. Absence can only be observed over a window. */
export async function noEvent(socket: Socket, event: string, ms = 300): Promise<void> {
  const received = collect(socket, event);
  await new Promise((resolve) => setTimeout(resolve, ms));
  if (received.length > 0) {
    throw new Error(`unexpected "${event}": ${JSON.stringify(received[0])}`);
  }
}
