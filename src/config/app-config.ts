import { resolve } from 'node:path';
import { Env } from './env.schema';

/** The typed, frozen configuration every module reads; nothing else touches process.env. */
export interface AppConfig {
  readonly env: Env['NODE_ENV'];
  readonly isProduction: boolean;
  readonly http: {
    readonly host: string;
    readonly port: number;
    readonly corsOrigins: readonly string[];
    readonly trustProxy: string;
    readonly bodyLimit: string;
  };
  readonly log: { readonly level: Env['LOG_LEVEL'] };
  readonly mongo: { readonly uri: string };
  readonly redis: { readonly url: string; readonly keyPrefix: string };
  readonly auth: {
    readonly accessTokenSecret: string;
    readonly accessTokenTtlSeconds: number;
    readonly issuer: string;
    readonly audience: string;
    readonly refreshTokenTtlSeconds: number;
    readonly refreshReuseGraceSeconds: number;
  };
  readonly rateLimits: {
    readonly perMinute: number;
    readonly authPerMinute: number;
    readonly uploadsPerMinute: number;
    readonly notifyPerMinute: number;
  };
  readonly conversations: { readonly maxMembers: number };
  readonly messages: {
    readonly encryptionKeys: string;
    readonly maxLength: number;
    readonly editWindowSeconds: number;
    readonly syncCursorTtlSeconds: number;
    /** URL prefixes attachment URLs must start with (normalised); empty: any URL. */
    readonly attachmentUrlPrefixes: readonly string[];
    /** One message sent to more than `maxConversations` conversations within `windowSeconds` is refused. */
    readonly flood: { readonly maxConversations: number; readonly windowSeconds: number };
  };
  readonly search: {
    /** SEARCH_INDEX_KEYS as given (`id:base64key,...`, newest first); the SearchKeyring parses it. */
    readonly indexKeys: string;
    /** Longest query accepted, in code points. */
    readonly maxQueryChars: number;
    /** Most terms (words, prefixes, phrases) in one query. */
    readonly maxTerms: number;
    /** How often the indexer writes the postings of the messages sent, edited and deleted meanwhile. */
    readonly indexFlushMs: number;
  };
  readonly realtime: {
    readonly maxBufferBytes: number;
    readonly maxSocketsPerUser: number;
    readonly handshakesPerMinute: number;
    readonly eventsPerSecond: number;
    readonly messagesPerMinute: number;
    readonly presenceTtlMs: number;
    /** Presence is pushed through conversations of up to this many members; larger ones query it. */
    readonly presencePushMaxMembers: number;
    readonly typingThrottleMs: number;
    readonly typingTimeoutMs: number;
  };
  readonly oauth: {
    readonly publicApiUrl: string;
    readonly allowedRedirects: readonly string[];
    readonly google: OAuthProviderConfig;
    readonly github: OAuthProviderConfig & { readonly emailsUrl: string };
  };
  readonly mail: {
    readonly smtpUrl: string;
    readonly from: string;
    readonly publicWebUrl: string;
    readonly verifyOnRegister: boolean;
    readonly verifyTtlSeconds: number;
    readonly resetTtlSeconds: number;
  };
  readonly jobs: { readonly attempts: number; readonly backoffMs: number };
  readonly account: {
    /** How long a finished export's download link (and the stored archive) lives, in ms. */
    readonly exportLinkTtlMs: number;
    /** A new export is refused this long after the previous request (ms), unless that one failed. */
    readonly exportMinIntervalMs: number;
    readonly deletionMessages: 'tombstone' | 'erase';
    /** Provider-only accounts: the session must have signed in within this long (ms) to delete the account. */
    readonly deletionReauthMaxAgeMs: number;
  };
  readonly audit: {
    /** Audit records older than this are deleted by the retention sweep. */
    readonly retentionDays: number;
    readonly retentionSweepMs: number;
  };
  readonly inbox: {
    /** Inbox entries whose last event is older than this (ms) are deleted by the retention sweep. */
    readonly retentionMs: number;
    readonly retentionSweepMs: number;
  };
  readonly moderation: { readonly suspensionMinSeconds: number };
  readonly upload: {
    /** Absent when CLOUDINARY_URL is unset: uploads are then disabled (503). */
    readonly cloudinary?: CloudinaryAccount;
    /** Largest upload per kind, in bytes (a voice note is audio). */
    readonly maxBytes: UploadByteLimits;
    readonly maxImagePixels: number;
    /** Sniffed MIME types accepted (lower case). */
    readonly allowedTypes: readonly string[];
    /** Bytes one user may upload per UTC day. */
    readonly quotaBytesPerDay: number;
    /** Uploads one process receives at once (bounds memory and image work); the rest wait up to `slotWaitMs`. */
    readonly maxConcurrent: number;
    readonly slotWaitMs: number;
    readonly folder: string;
  };
  readonly media: {
    /** Origin of delivery URLs (CLOUDINARY_DELIVERY_BASE). */
    readonly deliveryBase: string;
    /** Cloudinary's token-based authentication key (hex); null when uploads are off. */
    readonly authTokenKey: string | null;
    readonly urlTtlSeconds: number;
    /** Uploads still unattached this long after their upload are deleted by the orphan sweep. */
    readonly orphanTtlMs: number;
    readonly orphanSweepMs: number;
  };
  readonly webPush: {
    /** Null when the WEB_PUSH_* keys are unset: push is then disabled (its routes answer 503). */
    readonly vapid: VapidConfig | null;
    /** False replaces the message preview in a push with a generic text. */
    readonly includePreview: boolean;
    /** Push services a subscription's endpoint may point at (a host or a parent domain of it). */
    readonly endpointHosts: readonly string[];
  };
  readonly notifications: {
    /** Minutes an unread mention or direct message waits before the email digest, unless a user chose. */
    readonly emailDelayMinutes: number;
  };
  readonly calls: {
    /** STUN server URLs handed to clients; empty: none. */
    readonly stunUrls: readonly string[];
    /** Null when TURN_URLS is unset: clients get no TURN server. */
    readonly turn: TurnConfig | null;
    /** How long a signed TURN credential is valid; clients fetch the ICE servers again within it. */
    readonly credentialTtlSeconds: number;
    /** An unanswered call ends as `no_answer` after this long. */
    readonly ringTimeoutSeconds: number;
    /** How long a participant whose sockets all dropped keeps their place before leaving. */
    readonly reconnectGraceSeconds: number;
    /** Devices in one call at most (a full mesh). */
    readonly maxParticipants: number;
    /** The largest SDP or ICE candidate relayed, in UTF-8 bytes. */
    readonly signalMaxBytes: number;
    /** Signaling events (offers, answers, candidates, media states) per user per second, all instances. */
    readonly signalsPerSecond: number;
  };
  readonly web: {
    /** Absolute path of the built web client served at `/`; null when WEB_DIST_DIR is empty (not served). */
    readonly distDir: string | null;
  };
  readonly shutdownTimeoutMs: number;
  /** Heap in use (bytes) above which `/health` (not `/health/ready`) answers 503. */
  readonly healthHeapLimitBytes: number;
}

export interface UploadByteLimits {
  readonly image: number;
  readonly audio: number;
  readonly video: number;
  readonly file: number;
}

/** The account parsed from CLOUDINARY_URL; `apiBase` is the SDK's `upload_prefix`. */
export interface CloudinaryAccount {
  readonly cloudName: string;
  readonly apiKey: string;
  readonly apiSecret: string;
  readonly apiBase: string;
}

/** The application server's VAPID identity (RFC 8292), keys in URL-safe base64. */
export interface VapidConfig {
  readonly subject: string;
  readonly publicKey: string;
  readonly privateKey: string;
}

/** TURN servers sharing one secret with Parley (coturn's `use-auth-secret`). */
export interface TurnConfig {
  readonly urls: readonly string[];
  readonly sharedSecret: string;
}

/** One OAuth provider; an empty clientId disables it. */
export interface OAuthProviderConfig {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly authUrl: string;
  readonly tokenUrl: string;
  readonly profileUrl: string;
}

export const APP_CONFIG = Symbol('APP_CONFIG');

export function toAppConfig(env: Env): AppConfig {
  return {
    env: env.NODE_ENV,
    isProduction: env.NODE_ENV === 'production',
    http: {
      host: env.HOST,
      port: env.PORT,
      corsOrigins: env.CORS_ORIGINS,
      trustProxy: env.TRUST_PROXY,
      bodyLimit: env.BODY_LIMIT,
    },
    log: { level: env.LOG_LEVEL },
    mongo: { uri: env.MONGODB_URI },
    redis: { url: env.REDIS_URL, keyPrefix: env.REDIS_KEY_PREFIX },
    auth: {
      accessTokenSecret: env.JWT_ACCESS_SECRET,
      accessTokenTtlSeconds: env.JWT_ACCESS_TTL_SECONDS,
      issuer: env.JWT_ISSUER,
      audience: env.JWT_AUDIENCE,
      refreshTokenTtlSeconds: env.REFRESH_TOKEN_TTL_SECONDS,
      refreshReuseGraceSeconds: env.REFRESH_REUSE_GRACE_SECONDS,
    },
    rateLimits: {
      perMinute: env.RATE_LIMIT_PER_MINUTE,
      authPerMinute: env.AUTH_RATE_LIMIT_PER_MINUTE,
      uploadsPerMinute: env.UPLOAD_RATE_LIMIT_PER_MINUTE,
      notifyPerMinute: env.NOTIFY_RATE_LIMIT_PER_MINUTE,
    },
    conversations: { maxMembers: env.CONVERSATION_MAX_MEMBERS },
    messages: {
      encryptionKeys: env.MESSAGE_ENCRYPTION_KEYS,
      maxLength: env.MESSAGE_MAX_LENGTH,
      attachmentUrlPrefixes: env.ATTACHMENT_URL_PREFIXES.map((prefix) => new URL(prefix).href),
      editWindowSeconds: env.MESSAGE_EDIT_WINDOW_SECONDS,
      syncCursorTtlSeconds: env.SYNC_CURSOR_TTL_SECONDS,
      flood: { maxConversations: env.FLOOD_MAX_CONVERSATIONS, windowSeconds: env.FLOOD_WINDOW_SECONDS },
    },
    search: {
      indexKeys: env.SEARCH_INDEX_KEYS,
      maxQueryChars: env.SEARCH_MAX_QUERY_CHARS,
      maxTerms: env.SEARCH_MAX_TERMS,
      indexFlushMs: env.SEARCH_INDEX_FLUSH_MS,
    },
    realtime: {
      maxBufferBytes: env.SOCKET_MAX_BUFFER_BYTES,
      maxSocketsPerUser: env.SOCKET_MAX_PER_USER,
      handshakesPerMinute: env.SOCKET_HANDSHAKES_PER_MINUTE,
      eventsPerSecond: env.SOCKET_EVENTS_PER_SECOND,
      messagesPerMinute: env.SOCKET_MESSAGES_PER_MINUTE,
      presenceTtlMs: env.PRESENCE_TTL_MS,
      presencePushMaxMembers: env.PRESENCE_PUSH_MAX_MEMBERS,
      typingThrottleMs: env.TYPING_THROTTLE_MS,
      typingTimeoutMs: env.TYPING_TIMEOUT_MS,
    },
    oauth: {
      publicApiUrl: env.PUBLIC_API_URL.replace(/\/+$/, ''),
      // Unset: the web client's own origin, where its /auth/callback page finishes the login.
      allowedRedirects:
        env.OAUTH_ALLOWED_REDIRECTS.length > 0
          ? env.OAUTH_ALLOWED_REDIRECTS
          : [new URL(env.PUBLIC_WEB_URL).origin],
      google: {
        clientId: env.GOOGLE_CLIENT_ID,
        clientSecret: env.GOOGLE_CLIENT_SECRET,
        authUrl: env.GOOGLE_AUTH_URL,
        tokenUrl: env.GOOGLE_TOKEN_URL,
        profileUrl: env.GOOGLE_USERINFO_URL,
      },
      github: {
        clientId: env.GITHUB_CLIENT_ID,
        clientSecret: env.GITHUB_CLIENT_SECRET,
        authUrl: env.GITHUB_AUTH_URL,
        tokenUrl: env.GITHUB_TOKEN_URL,
        profileUrl: env.GITHUB_USER_URL,
        emailsUrl: env.GITHUB_EMAILS_URL,
      },
    },
    mail: {
      smtpUrl: env.SMTP_URL,
      from: env.MAIL_FROM,
      publicWebUrl: env.PUBLIC_WEB_URL.replace(/\/+$/, ''),
      verifyOnRegister: env.EMAIL_VERIFY_ON_REGISTER === 'true',
      verifyTtlSeconds: env.EMAIL_VERIFY_TTL_SECONDS,
      resetTtlSeconds: env.PASSWORD_RESET_TTL_SECONDS,
    },
    jobs: { attempts: env.JOB_ATTEMPTS, backoffMs: env.JOB_BACKOFF_MS },
    account: {
      exportLinkTtlMs: Math.round(env.EXPORT_LINK_TTL_HOURS * 3_600_000),
      exportMinIntervalMs: Math.round(env.EXPORT_MIN_INTERVAL_HOURS * 3_600_000),
      deletionMessages: env.ACCOUNT_DELETION_MESSAGES,
      deletionReauthMaxAgeMs: env.ACCOUNT_DELETION_REAUTH_MINUTES * 60_000,
    },
    audit: { retentionDays: env.AUDIT_RETENTION_DAYS, retentionSweepMs: env.AUDIT_RETENTION_SWEEP_MS },
    inbox: {
      retentionMs: Math.round(env.NOTIFICATION_RETENTION_DAYS * 86_400_000),
      retentionSweepMs: env.NOTIFICATION_RETENTION_SWEEP_MS,
    },
    moderation: { suspensionMinSeconds: env.SUSPENSION_MIN_SECONDS },
    upload: {
      cloudinary: env.CLOUDINARY_URL
        ? cloudinaryAccount(env.CLOUDINARY_URL, env.CLOUDINARY_API_BASE)
        : undefined,
      maxBytes: {
        image: env.UPLOAD_MAX_IMAGE_BYTES,
        audio: env.UPLOAD_MAX_AUDIO_BYTES,
        video: env.UPLOAD_MAX_VIDEO_BYTES,
        file: env.UPLOAD_MAX_FILE_BYTES,
      },
      maxImagePixels: env.UPLOAD_MAX_IMAGE_PIXELS,
      allowedTypes: env.UPLOAD_ALLOWED_TYPES.map((type) => type.toLowerCase()),
      quotaBytesPerDay: env.UPLOAD_QUOTA_BYTES_PER_DAY,
      maxConcurrent: env.UPLOAD_MAX_CONCURRENT,
      slotWaitMs: env.UPLOAD_SLOT_WAIT_MS,
      folder: env.UPLOAD_FOLDER,
    },
    notifications: { emailDelayMinutes: env.NOTIFY_EMAIL_DELAY_MINUTES },
    media: {
      deliveryBase: env.CLOUDINARY_DELIVERY_BASE.replace(/\/+$/, ''),
      authTokenKey: env.CLOUDINARY_AUTH_TOKEN_KEY?.toLowerCase() ?? null,
      urlTtlSeconds: env.UPLOAD_URL_TTL_SECONDS,
      orphanTtlMs: Math.round(env.UPLOAD_ORPHAN_TTL_HOURS * 3_600_000),
      orphanSweepMs: env.UPLOAD_ORPHAN_SWEEP_MS,
    },
    webPush: {
      // loadConfig refuses a partial set, so one key present means all three are.
      vapid:
        env.WEB_PUSH_VAPID_PUBLIC_KEY && env.WEB_PUSH_VAPID_PRIVATE_KEY && env.WEB_PUSH_SUBJECT
          ? {
              subject: env.WEB_PUSH_SUBJECT,
              publicKey: env.WEB_PUSH_VAPID_PUBLIC_KEY,
              privateKey: env.WEB_PUSH_VAPID_PRIVATE_KEY,
            }
          : null,
      includePreview: env.WEB_PUSH_INCLUDE_PREVIEW === 'true',
      endpointHosts: env.WEB_PUSH_ENDPOINT_HOSTS,
    },
    calls: {
      stunUrls: env.STUN_URLS,
      // loadConfig refuses TURN_URLS without TURN_SHARED_SECRET.
      turn:
        env.TURN_URLS.length > 0 && env.TURN_SHARED_SECRET
          ? { urls: env.TURN_URLS, sharedSecret: env.TURN_SHARED_SECRET }
          : null,
      credentialTtlSeconds: env.TURN_CREDENTIAL_TTL_SECONDS,
      ringTimeoutSeconds: env.CALL_RING_TIMEOUT_SECONDS,
      reconnectGraceSeconds: env.CALL_RECONNECT_GRACE_SECONDS,
      maxParticipants: env.CALL_MAX_PARTICIPANTS,
      signalMaxBytes: env.CALL_SIGNAL_MAX_BYTES,
      signalsPerSecond: env.CALL_SIGNALS_PER_SECOND,
    },
    web: { distDir: env.WEB_DIST_DIR === '' ? null : resolve(env.WEB_DIST_DIR) },
    shutdownTimeoutMs: env.SHUTDOWN_TIMEOUT_MS,
    healthHeapLimitBytes: env.HEALTH_HEAP_LIMIT_MB * 1024 * 1024,
  };
}

/** `cloudinary://<api_key>:<api_secret>@<cloud_name>`, already checked by the schema. */
function cloudinaryAccount(url: string, apiBase: string): CloudinaryAccount {
  const parsed = new URL(url);
  return {
    cloudName: parsed.hostname,
    apiKey: decodeURIComponent(parsed.username),
    apiSecret: decodeURIComponent(parsed.password),
    apiBase: apiBase.replace(/\/+$/, ''),
  };
}
