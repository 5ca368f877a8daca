import { z } from 'zod';
import { parseKey } from './encryption-keys';

/** Development and test only: production refuses to start without its own MESSAGE_ENCRYPTION_KEYS. */
const DEVELOPMENT_MESSAGE_KEY = 'dev:lwbbn2Z08oYH2349FKT8ut5d6PdveC5YkPttuJ5A1H8=';
/** Development and test only, like the message key: production needs its own SEARCH_INDEX_KEYS. */
const DEVELOPMENT_SEARCH_KEY = 'dev:HdZedNcr/t0NzZ7uNknXyJe/FWm6+DOvLdf6vSj1O7o=';

/** `id:base64key,...` (newest first), each key 32 bytes, each id once. */
const keyringSpec = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .superRefine((value, context) => {
      const ids = new Set<string>();
      for (const entry of value.split(',')) {
        try {
          const { id } = parseKey(entry.trim());
          if (ids.has(id)) {
            throw new Error(`key id ${id} appears twice`);
          }
          ids.add(id);
        } catch (error) {
          context.addIssue({ code: 'custom', message: (error as Error).message });
          return;
        }
      }
    });

/** URL-safe base64 without padding (how VAPID keys are written) that decodes to `bytes` bytes. */
const base64url = (bytes: number, what: string) =>
  z
    .string()
    .regex(/^[A-Za-z0-9_-]+$/, 'must be URL-safe base64 without padding')
    .refine(
      (value) => Buffer.from(value, 'base64url').length === bytes,
      `must decode to ${bytes} bytes (${what})`,
    );

const MIB = 1024 * 1024;
const GIB = 1024 * MIB;

/** A byte count between 1 and `max`. */
const byteLimit = (fallback: number, max: number) =>
  z.coerce.number().int().min(1).max(max).default(fallback);

/** The types uploads accept unless UPLOAD_ALLOWED_TYPES says otherwise (decided by the bytes, see file-type.ts). */
export const DEFAULT_UPLOAD_TYPES = [
  'image/jpeg',
  'image/png',
  'image/gif',
  'image/webp',
  'image/avif',
  'audio/mpeg',
  'audio/mp4',
  'audio/ogg',
  'audio/webm',
  'audio/wav',
  'audio/flac',
  'video/mp4',
  'video/webm',
  'video/quicktime',
  'application/pdf',
  'application/zip',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  'application/vnd.oasis.opendocument.text',
  'application/vnd.oasis.opendocument.spreadsheet',
  'application/vnd.oasis.opendocument.presentation',
  'text/plain',
  'text/csv',
];

/** A comma-separated list; `fallback` is the list when the variable is unset. */
const csvList = (fallback = '') =>
  z
    .string()
    .default(fallback)
    .transform((value) =>
      value
        .split(',')
        .map((item) => item.trim())
        .filter((item) => item.length > 0),
    );
const csv = csvList();

/**
 * Every environment variable Parley reads. `.env.example` documents each one, and a test keeps the two
 * (and docker-compose.yml) in step.
 */
export const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  HOST: z.string().min(1).default('0.0.0.0'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),

  MONGODB_URI: z.string().regex(/^mongodb(\+srv)?:\/\/.+/, 'must be a mongodb:// or mongodb+srv:// URI'),
  REDIS_URL: z.string().regex(/^rediss?:\/\/.+/, 'must be a redis:// or rediss:// URL'),
  REDIS_KEY_PREFIX: z
    .string()
    .regex(/^[\w-]{1,40}$/, 'letters, digits, - and _ only')
    .default('parley'),

  CORS_ORIGINS: csv,
  TRUST_PROXY: z.string().min(1).default('loopback'),
  BODY_LIMIT: z
    .string()
    .regex(/^\d+(b|kb|mb)$/, 'must look like 100kb or 1mb')
    .default('100kb'),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(1000).max(120_000).default(10_000),
  /** `/health` reports the process as down above this much V8 heap in use. */
  HEALTH_HEAP_LIMIT_MB: z.coerce.number().int().min(1).max(65_536).default(1024),
  // The built web client served at `/`, relative to the working directory. Empty turns serving off: unlike
  // other variables, loadConfig keeps this one's empty value instead of reading it as unset.
  WEB_DIST_DIR: z.string().default('web/dist'),

  JWT_ACCESS_SECRET: z.string().min(16, 'must be at least 16 characters'),
  JWT_ACCESS_TTL_SECONDS: z.coerce.number().int().min(30).max(86_400).default(900),
  JWT_ISSUER: z.string().min(1).default('parley'),
  JWT_AUDIENCE: z.string().min(1).default('parley-clients'),
  REFRESH_TOKEN_TTL_SECONDS: z.coerce
    .number()
    .int()
    .min(300)
    .default(7 * 86_400),

  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL')
    .default('smtp://127.0.0.1:1025'),
  MAIL_FROM: z.string().min(3).default('Parley <no-reply@parley.local>'),
  PUBLIC_WEB_URL: z.url().default('http://localhost:3000'),
  EMAIL_VERIFY_ON_REGISTER: z.enum(['true', 'false']).default('true'),
  EMAIL_VERIFY_TTL_SECONDS: z.coerce.number().int().min(60).default(86_400),
  PASSWORD_RESET_TTL_SECONDS: z.coerce.number().int().min(60).max(86_400).default(3600),

  MESSAGE_ENCRYPTION_KEYS: keyringSpec(DEVELOPMENT_MESSAGE_KEY),
  MESSAGE_MAX_LENGTH: z.coerce.number().int().min(1).max(100_000).default(4000),
  ATTACHMENT_URL_PREFIXES: csv.pipe(
    z.array(
      z
        .url({ protocol: /^https?$/ })
        .refine(
          (prefix) => !URL.canParse(prefix) || new URL(prefix).pathname.endsWith('/'),
          'each prefix must end with "/"',
        ),
    ),
  ),
  MESSAGE_EDIT_WINDOW_SECONDS: z.coerce
    .number()
    .int()
    .min(1)
    .default(48 * 3600),
  SYNC_CURSOR_TTL_SECONDS: z.coerce
    .number()
    .int()
    .min(60)
    .default(30 * 86_400),
  FLOOD_MAX_CONVERSATIONS: z.coerce.number().int().min(1).default(5),
  FLOOD_WINDOW_SECONDS: z.coerce.number().int().min(1).max(86_400).default(60),

  // Search (docs/search.md): the keys of the blind index's HMACs (the first writes, all are looked up), the
  // longest query and most terms accepted, and how often the indexer writes what messages changed.
  SEARCH_INDEX_KEYS: keyringSpec(DEVELOPMENT_SEARCH_KEY),
  SEARCH_MAX_QUERY_CHARS: z.coerce.number().int().min(16).max(4096).default(256),
  SEARCH_MAX_TERMS: z.coerce.number().int().min(1).max(64).default(16),
  SEARCH_INDEX_FLUSH_MS: z.coerce.number().int().min(10).max(60_000).default(1000),

  CONVERSATION_MAX_MEMBERS: z.coerce.number().int().min(2).max(100_000).default(1000),

  SOCKET_MAX_BUFFER_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(10_000_000)
    .default(64 * 1024),
  SOCKET_MAX_PER_USER: z.coerce.number().int().min(1).max(1000).default(20),
  SOCKET_HANDSHAKES_PER_MINUTE: z.coerce.number().int().min(1).default(120),
  SOCKET_EVENTS_PER_SECOND: z.coerce.number().int().min(1).default(20),
  SOCKET_MESSAGES_PER_MINUTE: z.coerce.number().int().min(1).default(60),
  PRESENCE_TTL_MS: z.coerce.number().int().min(1000).max(600_000).default(30_000),
  PRESENCE_PUSH_MAX_MEMBERS: z.coerce.number().int().min(2).max(100_000).default(100),
  TYPING_THROTTLE_MS: z.coerce.number().int().min(0).max(60_000).default(2000),
  TYPING_TIMEOUT_MS: z.coerce.number().int().min(500).max(60_000).default(6000),
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(300),
  AUTH_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(10),
  UPLOAD_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(30),
  NOTIFY_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(60),
  // At least 1: the grace is a Redis expiry, and Redis refuses a zero one (every refresh would fail).
  REFRESH_REUSE_GRACE_SECONDS: z.coerce.number().int().min(1).max(60).default(10),

  PUBLIC_API_URL: z.url().default('http://localhost:3000'),
  OAUTH_ALLOWED_REDIRECTS: csv,
  GOOGLE_CLIENT_ID: z.string().default(''),
  GOOGLE_CLIENT_SECRET: z.string().default(''),
  GOOGLE_AUTH_URL: z.url().default('https://accounts.google.com/o/oauth2/v2/auth'),
  GOOGLE_TOKEN_URL: z.url().default('https://oauth2.googleapis.com/token'),
  GOOGLE_USERINFO_URL: z.url().default('https://openidconnect.googleapis.com/v1/userinfo'),
  GITHUB_CLIENT_ID: z.string().default(''),
  GITHUB_CLIENT_SECRET: z.string().default(''),
  GITHUB_AUTH_URL: z.url().default('https://github.com/login/oauth/authorize'),
  GITHUB_TOKEN_URL: z.url().default('https://github.com/login/oauth/access_token'),
  GITHUB_USER_URL: z.url().default('https://api.github.com/user'),
  GITHUB_EMAILS_URL: z.url().default('https://api.github.com/user/emails'),

  // Optional: without it uploads answer 503 and everything else runs.
  CLOUDINARY_URL: z
    .string()
    .regex(
      /^cloudinary:\/\/[^:@/]+:[^:@/]+@[\w-]+$/,
      'must look like cloudinary://<api_key>:<api_secret>@<cloud_name>',
    )
    .optional(),
  CLOUDINARY_API_BASE: z.url({ protocol: /^https?$/ }).default('https://api.cloudinary.com'),
  // Per kind, enforced while the body streams; images are held whole (sharp re-encodes them), so their cap
  // stays small, while other kinds stream through and may be far larger.
  UPLOAD_MAX_IMAGE_BYTES: byteLimit(5 * MIB, 64 * MIB),
  UPLOAD_MAX_AUDIO_BYTES: byteLimit(16 * MIB, 4 * GIB),
  UPLOAD_MAX_VIDEO_BYTES: byteLimit(64 * MIB, 4 * GIB),
  UPLOAD_MAX_FILE_BYTES: byteLimit(20 * MIB, 4 * GIB),
  // Decompression bombs: a small file declaring huge dimensions is refused before it is decoded.
  UPLOAD_MAX_IMAGE_PIXELS: z.coerce.number().int().min(1).max(268_402_689).default(40_000_000),
  UPLOAD_ALLOWED_TYPES: csvList(DEFAULT_UPLOAD_TYPES.join(',')).pipe(
    z.array(z.string().regex(/^[a-z]+\/[\w.+-]+$/, 'must be MIME types such as image/png')),
  ),
  UPLOAD_QUOTA_BYTES_PER_DAY: z.coerce.number().int().min(1).default(GIB),
  UPLOAD_MAX_CONCURRENT: z.coerce.number().int().min(1).max(1000).default(16),
  UPLOAD_SLOT_WAIT_MS: z.coerce.number().int().min(1).max(600_000).default(30_000),
  UPLOAD_FOLDER: z
    .string()
    .regex(/^[\w-]+(\/[\w-]+)*$/, 'letters, digits, - and _, in /-separated segments')
    .default('parley'),

  // Media delivery (docs/media.md): attachments are `authenticated` assets, delivered only through URLs signed
  // with Cloudinary's token-based authentication key (required with CLOUDINARY_URL, checked in loadConfig).
  CLOUDINARY_AUTH_TOKEN_KEY: z
    .string()
    .regex(/^([\da-f]{2}){16,}$/i, 'must be the hex key of Cloudinary’s token-based authentication')
    .optional(),
  // Where delivery URLs point: Cloudinary's CDN, a custom delivery host, or the stand-in in development.
  CLOUDINARY_DELIVERY_BASE: z
    .url({ protocol: /^https?$/ })
    .refine((url) => /^https?:\/\/[^/]+\/?$/.test(url), 'an origin without a path')
    .default('https://res.cloudinary.com'),
  // How long a signed URL works (a few seconds lets tests see one expire).
  UPLOAD_URL_TTL_SECONDS: z.coerce.number().int().min(2).max(604_800).default(3600),
  // Uploads never attached to a message are deleted after this long (fractions let tests use seconds).
  UPLOAD_ORPHAN_TTL_HOURS: z.coerce.number().min(0.0001).max(8760).default(24),
  UPLOAD_ORPHAN_SWEEP_MS: z.coerce.number().int().min(100).max(86_400_000).default(3_600_000),

  // Optional: unset, Web Push is off (its routes answer 503); all three or none (checked in loadConfig).
  WEB_PUSH_VAPID_PUBLIC_KEY: base64url(65, 'an uncompressed P-256 point')
    .refine((key) => Buffer.from(key, 'base64url')[0] === 0x04, 'must be an uncompressed P-256 point')
    .optional(),
  WEB_PUSH_VAPID_PRIVATE_KEY: base64url(32, 'a P-256 private key').optional(),
  WEB_PUSH_SUBJECT: z
    .string()
    .regex(/^(mailto:[^@\s]+@[^@\s]+|https:\/\/[^\s/]+\S*)$/, 'must be a mailto: address or an https:// URL')
    .optional(),
  WEB_PUSH_INCLUDE_PREVIEW: z.enum(['true', 'false']).default('true'),
  WEB_PUSH_ENDPOINT_HOSTS: csvList(
    'fcm.googleapis.com,android.googleapis.com,updates.push.services.mozilla.com,notify.windows.com,push.apple.com',
  ),

  // Calls: the ICE servers `GET /calls/ice-servers` hands out. TURN credentials are signed with the shared
  // secret in coturn's REST-API scheme (`use-auth-secret`), so TURN_SHARED_SECRET is required with TURN_URLS.
  STUN_URLS: csv.pipe(z.array(z.string().regex(/^stuns?:[^\s?]+$/, 'each URL must be stun:host[:port]'))),
  TURN_URLS: csv.pipe(
    z.array(
      z
        .string()
        .regex(
          /^turns?:[^\s?]+(\?transport=(udp|tcp))?$/,
          'each URL must be turn: or turns:host[:port], optionally with ?transport=udp|tcp',
        ),
    ),
  ),
  TURN_SHARED_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
  TURN_CREDENTIAL_TTL_SECONDS: z.coerce.number().int().min(60).max(86_400).default(3600),
  // Calls' signaling and state (docs/calls.md): how long a call rings, how long a dropped participant may
  // take to come back, how many devices share one call (a full mesh: each sends its media to every other),
  // the largest SDP or candidate relayed, and each user's signaling events per second across instances.
  CALL_RING_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(600).default(45),
  CALL_RECONNECT_GRACE_SECONDS: z.coerce.number().int().min(1).max(600).default(20),
  CALL_MAX_PARTICIPANTS: z.coerce.number().int().min(2).max(32).default(8),
  CALL_SIGNAL_MAX_BYTES: z.coerce.number().int().min(1024).max(1_048_576).default(65_536),
  CALL_SIGNALS_PER_SECOND: z.coerce.number().int().min(1).max(10_000).default(60),

  // The default wait before an unread mention or direct message is emailed; each user may choose their own
  // (whole minutes). Fractions (down to 0.01, 600 ms) let tests see a digest in seconds.
  NOTIFY_EMAIL_DELAY_MINUTES: z.coerce.number().min(0.01).max(1440).default(15),

  JOB_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(5),
  JOB_BACKOFF_MS: z.coerce.number().int().min(100).max(600_000).default(2000),

  AUDIT_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(10),
  AUDIT_RETENTION_SWEEP_MS: z.coerce.number().int().min(100).max(86_400_000).default(3_600_000),
  // Inbox entries untouched this long are deleted (fractions allowed: tests shorten it to seconds).
  NOTIFICATION_RETENTION_DAYS: z.coerce.number().min(0.00001).max(3650).default(90),
  NOTIFICATION_RETENTION_SWEEP_MS: z.coerce.number().int().min(100).max(86_400_000).default(3_600_000),

  /** The shortest timed suspension (`durationHours` may be fractional); tests lower it to see one lift. */
  SUSPENSION_MIN_SECONDS: z.coerce.number().int().min(1).max(31_536_000).default(3600),
  // Data exports: how long the emailed download link (and the archive) lives; how often a user may ask.
  EXPORT_LINK_TTL_HOURS: z.coerce.number().min(0.001).max(720).default(24),
  EXPORT_MIN_INTERVAL_HOURS: z.coerce.number().min(0).max(720).default(24),
  // Account deletion: what happens to the user's messages (docs/privacy.md), and how recent a provider-only
  // account's sign-in must be to delete it.
  ACCOUNT_DELETION_MESSAGES: z.enum(['tombstone', 'erase']).default('tombstone'),
  ACCOUNT_DELETION_REAUTH_MINUTES: z.coerce.number().int().min(1).max(1440).default(10),
});

export type Env = z.infer<typeof envSchema>;

/**
 * Variables holding secrets. In production each must be long and must not be a placeholder copied from
 * `.env.example`; the optional ones (OPTIONAL_SECRET_VARIABLES) only when they are set.
 */
export const SECRET_VARIABLES: ReadonlyArray<keyof Env> = [
  'JWT_ACCESS_SECRET',
  'MESSAGE_ENCRYPTION_KEYS',
  'SEARCH_INDEX_KEYS',
  'TURN_SHARED_SECRET',
];

/** Secrets of optional features: unset, the feature is off and there is nothing to check. */
export const OPTIONAL_SECRET_VARIABLES: ReadonlySet<keyof Env> = new Set<keyof Env>(['TURN_SHARED_SECRET']);

export const MIN_PRODUCTION_SECRET_LENGTH = 32;
export const PLACEHOLDER_PATTERN = /change[-_ ]?me|placeholder|example|^(secret|password|x+)$/i;
