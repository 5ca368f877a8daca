/**
 * A lean Socket.IO v5 client over plain `ws` (Engine.IO v4 framing), so thousands of sockets and tens of
 * thousands of events per second fit in one generator process without `socket.io-client`'s per-packet cost.
 * Speaks only what the benchmark needs: namespace connect with auth, events, numbered acks, ping/pong.
 */
import WebSocket from 'ws';

export type EventHandler = (event: string, payload: unknown, raw: string) => void;

export interface LeanClientOptions {
  url: string;
  namespace: string;
  auth: Record<string, unknown>;
  onEvent: EventHandler;
  onClose?: () => void;
}

export class LeanClient {
  private ws?: WebSocket;
  private nextAckId = 0;
  private readonly acks = new Map<number, (payload: unknown) => void>();
  private readonly prefix: string;
  connected = false;

  constructor(private readonly options: LeanClientOptions) {
    this.prefix = options.namespace === '/' ? '' : `${options.namespace},`;
  }

  /** Resolves once the namespace connect is acknowledged; rejects on a connect error or close. */
  connect(timeoutMs = 30_000): Promise<void> {
    const base = this.options.url.replace(/^http/, 'ws');
    const ws = new WebSocket(`${base}/socket.io/?EIO=4&transport=websocket`, { perMessageDeflate: false });
    this.ws = ws;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => fail(new Error('connect timeout')), timeoutMs);
      const fail = (error: Error) => {
        clearTimeout(timer);
        ws.terminate();
        reject(error);
      };
      ws.on('error', (error) => fail(error));
      ws.on('close', () => {
        this.connected = false;
        this.options.onClose?.();
        fail(new Error('closed before connect'));
      });
      ws.on('message', (data) => {
        const frame = (data as Buffer).toString();
        if (frame.startsWith(`40${this.prefix}`)) {
          clearTimeout(timer);
          this.connected = true;
          resolve();
        } else if (frame.startsWith(`44${this.prefix}`)) {
          fail(new Error(`connect refused: ${frame.slice(2 + this.prefix.length)}`));
        } else {
          this.onFrame(frame);
        }
      });
    });
  }

  emit(event: string, payload: unknown, onAck?: (payload: unknown) => void): void {
    let id = '';
    if (onAck) {
      const ackId = this.nextAckId++;
      this.acks.set(ackId, onAck);
      id = String(ackId);
    }
    this.ws?.send(`42${this.prefix}${id}${JSON.stringify([event, payload])}`);
  }

  close(): void {
    this.ws?.close();
  }

  /** Drops the connection without a close handshake (a network failure, for reconnect storms). */
  kill(): void {
    this.ws?.terminate();
  }

  pendingAcks(): number {
    return this.acks.size;
  }

  private onFrame(frame: string): void {
    if (frame === '2') {
      this.ws?.send('3');
      return;
    }
    if (frame.charCodeAt(0) === 48 /* '0' open */) {
      this.ws?.send(`40${this.prefix}${JSON.stringify(this.options.auth)}`);
      return;
    }
    const body = frame.slice(2 + this.prefix.length);
    if (frame.startsWith('42')) {
      const [event, payload] = JSON.parse(body) as [string, unknown];
      this.options.onEvent(event, payload, body);
    } else if (frame.startsWith('43')) {
      const bracket = body.indexOf('[');
      const ackId = Number(body.slice(0, bracket));
      const callback = this.acks.get(ackId);
      this.acks.delete(ackId);
      callback?.((JSON.parse(body.slice(bracket)) as unknown[])[0]);
    }
  }
}
