import { INestApplicationContext, Logger } from '@nestjs/common';
import { MessageMappingProperties } from '@nestjs/websockets';
import type { IncomingMessage } from 'node:http';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { createAdapter } from '@socket.io/redis-adapter';
import { filter, Observable } from 'rxjs';
import { Server, ServerOptions, Socket } from 'socket.io';
import { BackgroundWork } from '../common/lifecycle/background-work';
import { RedisConnectionFactory } from '../common/redis/redis-connection.factory';
import { REDIS } from '../common/redis/redis.constants';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { handleAdapterCommandFailures } from './adapter-redis-clients';
import { ChatServerRef } from './chat-server.ref';
import { HandshakePolicy } from './handshake-policy';

const HANDLERS = Symbol('parley.messageHandlers');
type HandledSocket = Socket & {
  [HANDLERS]?: MessageMappingProperties[];
};

/**
 * Socket.IO server with the Redis adapter, so every instance's broadcasts and room operations reach the
 * sockets of every other instance. The classic Pub/Sub adapter is used: sharded Pub/Sub only pays off on a
 * Redis Cluster, and the sharded adapter needs the node-redis client where Parley uses ioredis throughout.
 */
export class RedisIoAdapter extends IoAdapter {
  private readonly logger = new Logger(RedisIoAdapter.name);
  private readonly config: AppConfig;
  private readonly policy: HandshakePolicy;
  private readonly adapter: ReturnType<typeof createAdapter>;
  private readonly background: BackgroundWork;
  private readonly serverRef: ChatServerRef;
  private readonly listeners = new Map<string, (this: HandledSocket, ...args: unknown[]) => void>();

  constructor(app: INestApplicationContext) {
    super(app);
    this.config = app.get<AppConfig>(APP_CONFIG);
    this.policy = new HandshakePolicy(this.config, app.get(REDIS));
    this.background = app.get(BackgroundWork);
    this.serverRef = app.get(ChatServerRef);
    const factory = app.get(RedisConnectionFactory);
    const pub = factory.create('socket.io-pub');
    const sub = factory.create('socket.io-sub');
    handleAdapterCommandFailures(pub, 'pub');
    handleAdapterCommandFailures(sub, 'sub');
    this.adapter = createAdapter(pub, sub, { key: `${this.config.redis.keyPrefix}:socket.io` });
  }

  override createIOServer(port: number, options?: ServerOptions): Server {
    const server = super.createIOServer(port, {
      ...options,
      maxHttpBufferSize: this.config.realtime.maxBufferBytes,
      cors: { origin: [...this.config.http.corsOrigins], credentials: true },
      allowRequest: (
        request: IncomingMessage,
        callback: (error: string | null, allowed: boolean) => void,
      ) => {
        this.policy.check(request).then(
          (verdict) => callback(verdict.allowed ? null : verdict.reason, verdict.allowed),
          () => callback('handshake check failed', false),
        );
      },
    }) as Server;
    server.adapter(this.adapter);
    return server;
  }

  /**
   * Plain listeners instead of Nest's RxJS pipeline per event and socket (`fromEvent`, `mergeMap`,
   * `takeUntil` and a subscription for each handler: most of an idle socket's memory). The listener of an
   * event is one function shared by every socket: it finds the socket's own handler (Nest binds each to its
   * socket) in the list kept on the socket, so a socket holds no closure per event. Same contract: a
   * trailing function argument is the ack; a response with `event` is emitted, any other non-nil response
   * answers the ack. (`onAny` would be leaner still, but its listeners run before `socket.use` middleware,
   * so the rate limiter would not guard them.)
   */
  override bindMessageHandlers(
    socket: HandledSocket,
    handlers: MessageMappingProperties[],
    transform: (data: unknown) => Observable<unknown>,
  ): void {
    (socket[HANDLERS] ??= []).push(...handlers);
    for (const { message } of handlers) {
      socket.on(message as string, this.listenerFor(message as string, transform));
    }
  }

  /** `transform` is the same for every socket (Nest's result unwrapping), so the first one serves all. */
  private listenerFor(
    event: string,
    transform: (data: unknown) => Observable<unknown>,
  ): (this: HandledSocket, ...args: unknown[]) => void {
    let listener = this.listeners.get(event);
    if (!listener) {
      const dispatch = this.dispatch.bind(this);
      listener = function (this: HandledSocket, ...args: unknown[]) {
        const handler = this[HANDLERS]?.find(({ message }) => message === event);
        if (handler) {
          dispatch(this, handler, args, transform);
        }
      };
      this.listeners.set(event, listener);
    }
    return listener;
  }

  private dispatch(
    socket: HandledSocket,
    { message, callback, isAckHandledManually }: MessageMappingProperties,
    args: unknown[],
    transform: (data: unknown) => Observable<unknown>,
  ): void {
    const { data, ack } = this.mapPayload(args.length > 1 ? args : args[0]) as {
      data: unknown;
      ack?: unknown;
    };
    transform(callback(data, ack))
      .pipe(filter((response) => response !== null && response !== undefined))
      .subscribe({
        next: (response) => {
          const { event, data: payload } = response as { event?: string; data?: unknown };
          if (event) {
            socket.emit(event, payload);
          } else if (!isAckHandledManually && typeof ack === 'function') {
            (ack as (answer: unknown) => void)(response);
          }
        },
        error: (error: unknown) =>
          this.logger.error(`Handler of ${String(message)} failed: ${String(error)}`),
      });
  }

  /**
   * Runs once the sockets are closed and before Redis and MongoDB are: their disconnect bookkeeping (and any
   * other background work) finishes first, then the namespace is released so nothing publishes afterwards.
   */
  override async dispose(): Promise<void> {
    await this.background.drain();
    this.serverRef.clear();
  }
}
