import type { TokenPair } from './types';
import { ApiError } from './api-error';
import type { TokenStore } from '../auth/token-store';
import { postWithProgress, type RawResponse, type UploadOptions } from './xhr-upload';

export const API_BASE = '/api/v1';

type Query = Record<string, string | number | boolean | undefined>;

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  query?: Query;
  body?: unknown;
  signal?: AbortSignal;
  /** For auth calls: do not attach the token or try a refresh on 401. */
  anonymous?: boolean;
}

/**
 * Parley's REST API over fetch: JSON in and out, the access token attached, and one refresh (through the
 * HttpOnly cookie) shared by every call that finds its token expired, after which the call is retried once.
 */
export class HttpClient {
  private refreshing: Promise<TokenPair | null> | null = null;
  private readonly sessionEndListeners = new Set<() => void>();

  constructor(private readonly tokens: TokenStore) {}

  request<T>(path: string, options: RequestOptions = {}): Promise<T> {
    const attempt = () => this.send(path, options);
    return options.anonymous ? attempt().then((answer) => readRaw<T>(answer)) : this.withRefresh<T>(attempt);
  }

  get<T>(path: string, query?: Query): Promise<T> {
    return this.request<T>(path, { query });
  }

  post<T>(path: string, body?: unknown): Promise<T> {
    return this.request<T>(path, { method: 'POST', body });
  }

  patch<T>(path: string, body?: unknown): Promise<T> {
    return this.request<T>(path, { method: 'PATCH', body });
  }

  put<T>(path: string, body?: unknown): Promise<T> {
    return this.request<T>(path, { method: 'PUT', body });
  }

  delete<T>(path: string): Promise<T> {
    return this.request<T>(path, { method: 'DELETE' });
  }

  /** A multipart upload with progress and cancel; the same token, and one refresh on 401, as other calls. */
  upload<T>(path: string, form: FormData, options: UploadOptions = {}): Promise<T> {
    return this.withRefresh<T>(() => postWithProgress(API_BASE + path, form, this.authHeaders(), options));
  }

  /** Hears when a refresh is refused: the session is over (signed out elsewhere, revoked, expired). */
  whenSessionEnds(listener: () => void): () => void {
    this.sessionEndListeners.add(listener);
    return () => this.sessionEndListeners.delete(listener);
  }

  /**
   * Trades the refresh cookie for a new access token; concurrent callers share one request. The answer
   * carries tokens only (no user): whoever needs the account reads `/users/me`.
   */
  refresh(): Promise<TokenPair | null> {
    this.refreshing ??= this.refreshOnce().finally(() => {
      this.refreshing = null;
    });
    return this.refreshing;
  }

  private async refreshOnce(): Promise<TokenPair | null> {
    try {
      const auth = readRaw<TokenPair>(
        // An empty JSON body: the route validates a (strict) object, and the cookie carries the token.
        await this.send('/auth/refresh', { method: 'POST', anonymous: true, body: {} }),
      );
      this.tokens.set({ token: auth.accessToken, expiresAt: Date.now() + auth.expiresIn * 1000 });
      return auth;
    } catch (error) {
      if (error instanceof ApiError && error.code !== 'NETWORK_ERROR' && error.status < 500) {
        this.tokens.set(null);
        this.sessionEndListeners.forEach((listener) => listener());
      }
      return null;
    }
  }

  /** One attempt; when its token was refused (expired), one shared refresh and a second attempt. */
  private async withRefresh<T>(attempt: () => Promise<RawResponse>): Promise<T> {
    let answer = await attempt();
    if (answer.status === 401 && (await this.refresh())) {
      answer = await attempt();
    }
    return readRaw<T>(answer);
  }

  private authHeaders(anonymous = false): Record<string, string> {
    const headers: Record<string, string> = { Accept: 'application/json' };
    const token = this.tokens.get();
    if (token && !anonymous) {
      headers.Authorization = `Bearer ${token.token}`;
    }
    return headers;
  }

  private async send(path: string, options: RequestOptions): Promise<RawResponse> {
    const headers = this.authHeaders(options.anonymous);
    let body: string | undefined;
    if (options.body !== undefined) {
      headers['Content-Type'] = 'application/json';
      body = JSON.stringify(options.body);
    }
    try {
      const response = await fetch(API_BASE + path + queryString(options.query), {
        method: options.method ?? 'GET',
        headers,
        body,
        credentials: 'same-origin',
        signal: options.signal,
      });
      return { status: response.status, text: await response.text() };
    } catch (error) {
      if (options.signal?.aborted) {
        throw error;
      }
      throw new ApiError(0, { message: 'network error' });
    }
  }
}

function readRaw<T>({ status, text }: RawResponse): T {
  const json: unknown = text.length > 0 ? safeJson(text) : undefined;
  if (status === 0) {
    throw new ApiError(0, { message: 'network error' });
  }
  if (status < 200 || status >= 300) {
    throw new ApiError(status, json as ConstructorParameters<typeof ApiError>[1]);
  }
  return json as T;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export function queryString(query: Query | undefined): string {
  if (!query) {
    return '';
  }
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== '') {
      params.set(key, String(value));
    }
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}
