import { Inject, Injectable } from '@nestjs/common';
import { BackgroundWork } from '../common/lifecycle/background-work';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { BlocksService } from '../users/blocks/blocks.service';
import { ChatSocket, ServerEvent } from './events';
import { TypingAck } from './realtime.dto';
import { RealtimePublisher } from './realtime.publisher';

interface TypingState {
  lastRelayedAt: number;
  timer: NodeJS.Timeout;
}

/**
 * Typing indicators: relayed to the other members, throttled per socket and conversation, ended by the
 * server when no refresh arrives in time or the socket goes away. Kept in memory only: an indicator is
 * worthless after a few seconds, so it is never stored.
 */
@Injectable()
export class TypingService {
  /** socket id -> conversation id -> state */
  private readonly active = new Map<string, Map<string, TypingState>>();

  constructor(
    private readonly publisher: RealtimePublisher,
    private readonly blocks: BlocksService,
    private readonly background: BackgroundWork,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The caller has checked membership. Returns whether this event was relayed or absorbed by the throttle. */
  started(socket: ChatSocket, conversationId: string): TypingAck {
    const states = this.statesOf(socket.id);
    const state = states.get(conversationId);
    const now = Date.now();
    const timer = setTimeout(
      () => this.stopped(socket, conversationId),
      this.config.realtime.typingTimeoutMs,
    );
    timer.unref();
    if (state) {
      clearTimeout(state.timer);
      state.timer = timer;
      if (now - state.lastRelayedAt < this.config.realtime.typingThrottleMs) {
        return { relayed: false };
      }
      state.lastRelayedAt = now;
    } else {
      states.set(conversationId, { lastRelayedAt: now, timer });
    }
    this.relay(socket, conversationId, ServerEvent.UserTyping);
    return { relayed: true };
  }

  stopped(socket: ChatSocket, conversationId: string): TypingAck {
    const states = this.active.get(socket.id);
    const state = states?.get(conversationId);
    if (!states || !state) {
      return { relayed: false };
    }
    clearTimeout(state.timer);
    states.delete(conversationId);
    if (states.size === 0) {
      this.active.delete(socket.id);
    }
    this.relay(socket, conversationId, ServerEvent.UserStoppedTyping);
    return { relayed: true };
  }

  socketClosed(socket: ChatSocket): void {
    for (const conversationId of [...(this.active.get(socket.id)?.keys() ?? [])]) {
      this.stopped(socket, conversationId);
    }
  }

  /** To the other members, except those the typer blocked (they must not learn the typer is active). */
  private relay(
    socket: ChatSocket,
    conversationId: string,
    event: ServerEvent.UserTyping | ServerEvent.UserStoppedTyping,
  ): void {
    const userId = socket.data.user.userId;
    this.background.run('Typing relay', async () => {
      const { blocked } = await this.blocks.relationsOf(userId);
      this.publisher.toConversation(
        conversationId,
        event,
        { conversationId, userId },
        { exceptUserIds: [userId, ...blocked] },
      );
    });
  }

  private statesOf(socketId: string): Map<string, TypingState> {
    let states = this.active.get(socketId);
    if (!states) {
      states = new Map();
      this.active.set(socketId, states);
    }
    return states;
  }
}
