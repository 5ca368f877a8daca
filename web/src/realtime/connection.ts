import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '../api/types';
import type { HttpClient } from '../api/http';
import type { TokenStore } from '../auth/token-store';

export type ChatSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** What the connection indicator shows. `offline` is the browser's own verdict (no network at all). */
export type ConnectionState = 'connecting' | 'online' | 'reconnecting' | 'offline';

/** Handshake and close reasons after which reconnecting with the same session is pointless. */
const SESSION_OVER = new Set(['SESSION_REVOKED', 'ACCOUNT_DISABLED', 'ACCOUNT_SUSPENDED', 'ACCOUNT_DELETED']);

/**
 * The one Socket.IO connection to `/chat`. The handshake reads the current access token each time it
 * connects; a refreshed token is handed to the live socket with `reauth`; an expired or refused token is
 * refreshed through the cookie before the next attempt. `onReconnected` runs after every connect but the
 * first, so the app can catch up with `/sync`.
 */
export class ChatConnection {
  readonly socket: ChatSocket;
  private stateValue: ConnectionState = 'connecting';
  private readonly listeners = new Set<() => void>();
  private connectedOnce = false;
  private readonly cleanups: Array<() => void> = [];

  onReconnected: () => void = () => undefined;
  onSessionEnded: (code: string) => void = () => undefined;

  constructor(
    private readonly tokens: TokenStore,
    private readonly http: HttpClient,
    url = '/chat',
  ) {
    this.socket = io(url, {
      autoConnect: false,
      transports: ['websocket'],
      auth: (callback) => callback({ token: this.tokens.get()?.token }),
      reconnectionDelay: 500,
      reconnectionDelayMax: 5000,
    });
    this.bind();
  }

  get state(): ConnectionState {
    return this.stateValue;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  start(): void {
    this.setState(navigator.onLine ? 'connecting' : 'offline');
    this.socket.connect();
  }

  stop(): void {
    this.socket.disconnect();
    for (const cleanup of this.cleanups.splice(0)) {
      cleanup();
    }
  }

  private bind(): void {
    const socket = this.socket;
    socket.on('connect', () => {
      this.setState('online');
      if (this.connectedOnce) {
        this.onReconnected();
      }
      this.connectedOnce = true;
    });
    socket.on('disconnect', (reason) => {
      this.setState(navigator.onLine ? 'reconnecting' : 'offline');
      // The server closed it (token expired, session ended): Socket.IO will not retry by itself.
      if (reason === 'io server disconnect') {
        void this.reconnectWithFreshToken();
      }
    });
    socket.on('connect_error', (error: Error & { data?: { code?: string } }) => {
      const code = error.data?.code;
      this.setState(navigator.onLine ? 'reconnecting' : 'offline');
      if (code && SESSION_OVER.has(code)) {
        this.onSessionEnded(code);
        return;
      }
      if (code === 'TOKEN_INVALID' || code === 'TOKEN_MISSING') {
        void this.reconnectWithFreshToken();
      } else if (!socket.active) {
        // Refused by the server for another reason (e.g. TOO_MANY_SOCKETS): Socket.IO leaves retrying to us.
        setTimeout(() => socket.connect(), 5000);
      }
    });
    socket.on('error', (error) => {
      if (SESSION_OVER.has(error.code)) {
        this.onSessionEnded(error.code);
      }
    });
    this.cleanups.push(
      this.tokens.subscribe((token) => {
        if (token && socket.connected) {
          socket.emit('reauth', { token: token.token }, () => undefined);
        }
      }),
    );
    const online = () => this.setState(socket.connected ? 'online' : 'reconnecting');
    const offline = () => this.setState('offline');
    window.addEventListener('online', online);
    window.addEventListener('offline', offline);
    this.cleanups.push(() => {
      window.removeEventListener('online', online);
      window.removeEventListener('offline', offline);
    });
  }

  private async reconnectWithFreshToken(): Promise<void> {
    const refreshed = await this.http.refresh();
    if (refreshed && !this.socket.connected) {
      this.socket.connect();
    }
  }

  private setState(state: ConnectionState): void {
    if (state === this.stateValue) {
      return;
    }
    this.stateValue = state;
    for (const listener of this.listeners) {
      listener();
    }
  }
}
