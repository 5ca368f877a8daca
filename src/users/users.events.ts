/** In-process domain events of the users module: auth ends the sessions, realtime closes the sockets. */
export enum UsersDomainEvent {
  UserDisabled = 'users.user-disabled',
}

export interface UserDisabledEvent {
  userId: string;
}
