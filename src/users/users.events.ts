/** In-process domain events of the users module: auth ends the sessions, realtime closes the sockets. */
export enum UsersDomainEvent {
  UserDisabled = 'users.user-disabled',
  /** The owner asked for deletion: like a disabled account, every session and socket ends at once. */
  UserDeleting = 'users.user-deleting',
}

export interface UserDisabledEvent {
  userId: string;
}

export interface UserDeletingEvent {
  userId: string;
}
