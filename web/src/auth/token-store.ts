/**
 * The access token lives only in memory (never in storage a script could read later); the refresh token is
 * the HttpOnly cookie Parley sets, which this code never sees. Listeners hear every change (the socket
 * sends `reauth` with the new token).
 */
export interface AccessToken {
  token: string;
  /** Epoch ms. */
  expiresAt: number;
}

type Listener = (token: AccessToken | null) => void;

export class TokenStore {
  private current: AccessToken | null = null;
  private readonly listeners = new Set<Listener>();

  get(): AccessToken | null {
    return this.current;
  }

  set(token: AccessToken | null): void {
    this.current = token;
    for (const listener of this.listeners) {
      listener(token);
    }
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
