/** In-process domain events of the auth module (`@nestjs/event-emitter`); the realtime layer listens. */
export enum AuthDomainEvent {
  SessionsRevoked = 'auth.sessions-revoked',
  UserRegistered = 'auth.user-registered',
}

export interface UserRegisteredEvent {
  userId: string;
}

export interface SessionsRevokedEvent {
  userId: string;
  sessionIds: string[];
}
