import { useQueryClient } from '@tanstack/react-query';
import {
  createContext,
  type ReactNode,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import { HttpClient } from '../api/http';
import type { AuthResponse, UserResponse } from '../api/types';
import { ChatSession } from '../chat/chat-session';
import { TokenStore } from './token-store';

export type AuthState =
  | { status: 'loading' }
  | { status: 'signed-out'; reason?: string }
  | { status: 'signed-in'; user: UserResponse; session: ChatSession };

interface AuthContextValue {
  state: AuthState;
  http: HttpClient;
  /** Applies a login, register or OAuth exchange answer. */
  signedIn: (auth: AuthResponse) => void;
  signOut: () => Promise<void>;
  /** Replaces the signed-in user's profile (after an edit). */
  setUser: (user: UserResponse) => void;
}

const AuthContext = createContext<AuthContextValue | null>(null);

/** Refresh this long before the access token expires, so the socket never sees it lapse. */
const REFRESH_MARGIN_MS = 60_000;

/**
 * The session: restored at load from the refresh cookie (the access token is never stored), kept fresh by
 * refreshing ahead of expiry, and ended when the server says it is over (another device signed it out).
 */
export function AuthProvider({ children }: { children: ReactNode }) {
  const queries = useQueryClient();
  const tokens = useMemo(() => new TokenStore(), []);
  const http = useMemo(() => new HttpClient(tokens), [tokens]);
  const [state, setState] = useState<AuthState>({ status: 'loading' });
  const sessionRef = useRef<ChatSession | null>(null);

  const end = useCallback(
    (reason?: string) => {
      sessionRef.current?.stop();
      sessionRef.current = null;
      tokens.set(null);
      queries.clear();
      setState({ status: 'signed-out', reason });
    },
    [queries, tokens],
  );

  const signedIn = useCallback(
    (auth: AuthResponse) => {
      tokens.set({ token: auth.accessToken, expiresAt: Date.now() + auth.expiresIn * 1000 });
      if (sessionRef.current?.myUserId === auth.user.id) {
        setState((current) => (current.status === 'signed-in' ? { ...current, user: auth.user } : current));
        return;
      }
      sessionRef.current?.stop();
      const session = new ChatSession(auth.user.id, http, tokens, queries);
      session.connection.onSessionEnded = (code) => end(code);
      sessionRef.current = session;
      void session.start();
      setState({ status: 'signed-in', user: auth.user, session });
    },
    [end, http, queries, tokens],
  );

  useEffect(() => {
    const stopListening = http.whenSessionEnds(() => end('SESSION_ENDED'));
    // A reload: the cookie gives tokens, and the account comes from /users/me (the refresh carries no user).
    void http.refresh().then(async (tokens) => {
      const user = tokens
        ? await http.get<{ user: UserResponse }>('/users/me').then(
            ({ user }) => user,
            () => null,
          )
        : null;
      if (tokens && user) {
        signedIn({ ...tokens, user });
      } else {
        setState({ status: 'signed-out' });
      }
    });
    return () => {
      stopListening();
      sessionRef.current?.stop();
    };
  }, [end, http, signedIn]);

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const unsubscribe = tokens.subscribe((token) => {
      clearTimeout(timer);
      if (token) {
        const delay = Math.max(5_000, token.expiresAt - Date.now() - REFRESH_MARGIN_MS);
        timer = setTimeout(() => void http.refresh(), delay);
      }
    });
    return () => {
      clearTimeout(timer);
      unsubscribe();
    };
  }, [http, tokens]);

  const signOut = useCallback(async () => {
    await http.post('/auth/logout').catch(() => undefined);
    end();
  }, [end, http]);

  const setUser = useCallback(
    (user: UserResponse) =>
      setState((current) => (current.status === 'signed-in' ? { ...current, user } : current)),
    [],
  );

  const value = useMemo(
    () => ({ state, http, signedIn, signOut, setUser }),
    [state, http, signedIn, signOut, setUser],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthContextValue {
  const value = useContext(AuthContext);
  if (!value) {
    throw new Error('useAuth outside AuthProvider');
  }
  return value;
}

/** For screens behind sign-in: the user, their chat session and the API client. */
export function useSignedIn(): { user: UserResponse; session: ChatSession; http: HttpClient } {
  const { state, http } = useAuth();
  if (state.status !== 'signed-in') {
    throw new Error('useSignedIn while not signed in');
  }
  return { user: state.user, session: state.session, http };
}
