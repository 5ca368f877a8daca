/** In-process domain events of the users module: auth ends the sessions, realtime closes the sockets. */
export enum UsersDomainEvent {
  UserDisabled = 'users.user-disabled',
  UserSuspended = 'users.user-suspended',
}

export interface UserDisabledEvent {
  userId: string;
}

export interface UserSuspendedEvent {
  userId: string;
  /** When the suspension lifts itself; null when only by hand. */
  until: Date | null;
}
