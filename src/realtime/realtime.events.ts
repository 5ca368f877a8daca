import type { MemberState } from '../conversations/conversations.service';

/**
 * In-process domain events the realtime gateway raises for the features above it (`@nestjs/event-emitter`);
 * messages listens. Kept apart from the socket event map (events.ts), which every feature's publishing
 * imports: this payload carries conversations' types, and the map must not depend on conversations.
 */
export enum RealtimeDomainEvent {
  SocketConnected = 'realtime.socket-connected',
  /** A socket closed, after presence forgot it (calls listen: a participant may have lost its device). */
  SocketDisconnected = 'realtime.socket-disconnected',
}

export interface SocketConnectedEvent {
  userId: string;
  sessionId: string;
  /** Read once at the handshake, so listeners need not read them again. */
  memberships: MemberState[];
  /** The user's first live socket: they were offline until now. */
  cameOnline: boolean;
}

export interface SocketDisconnectedEvent {
  userId: string;
  sessionId: string;
  /** `<sessionId>:<socket id>`, as presence knows it. */
  connectionId: string;
}
