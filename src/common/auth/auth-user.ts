import type { Role } from './role';

/** Who is calling: taken from a verified access token (REST) or the socket handshake. */
export interface AuthUser {
  readonly userId: string;
  readonly role: Role;
  readonly sessionId: string;
}
