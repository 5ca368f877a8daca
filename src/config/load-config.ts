import { createECDH } from 'node:crypto';
import { AppConfig, toAppConfig } from './app-config';
import {
  envSchema,
  MIN_PRODUCTION_SECRET_LENGTH,
  OPTIONAL_SECRET_VARIABLES,
  PLACEHOLDER_PATTERN,
  SECRET_VARIABLES,
} from './env.schema';

/** Thrown when the environment is unusable; `problems` lists every one, not just the first. */
export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(
      `Invalid configuration (${problems.length} problem(s)):\n${problems.map((p) => `  - ${p}`).join('\n')}`,
    );
    this.name = 'ConfigError';
  }
}

function productionSecretProblems(env: Record<string, string | undefined>): string[] {
  if (env.NODE_ENV !== 'production') {
    return [];
  }
  return SECRET_VARIABLES.flatMap((name) => {
    const value = env[name] ?? '';
    if (value === '' && OPTIONAL_SECRET_VARIABLES.has(name)) {
      return [];
    }
    if (value.length < MIN_PRODUCTION_SECRET_LENGTH) {
      return [`${name}: must be at least ${MIN_PRODUCTION_SECRET_LENGTH} characters in production`];
    }
    return PLACEHOLDER_PATTERN.test(value) ? [`${name}: looks like a placeholder; set a real secret`] : [];
  });
}

const VAPID_VARIABLES = ['WEB_PUSH_VAPID_PUBLIC_KEY', 'WEB_PUSH_VAPID_PRIVATE_KEY', 'WEB_PUSH_SUBJECT'];

/** Web Push needs all three VAPID settings or none, and a public key that belongs to the private one. */
function vapidProblems(env: Record<string, string | undefined>): string[] {
  const set = VAPID_VARIABLES.filter((name) => env[name] !== undefined);
  if (set.length === 0) {
    return [];
  }
  if (set.length < VAPID_VARIABLES.length) {
    return [`${VAPID_VARIABLES.join(', ')}: set all three to enable Web Push, or none`];
  }
  try {
    const ecdh = createECDH('prime256v1');
    ecdh.setPrivateKey(Buffer.from(env.WEB_PUSH_VAPID_PRIVATE_KEY!, 'base64url'));
    return ecdh.getPublicKey('base64url') === env.WEB_PUSH_VAPID_PUBLIC_KEY
      ? []
      : ['WEB_PUSH_VAPID_PUBLIC_KEY: is not the public key of WEB_PUSH_VAPID_PRIVATE_KEY'];
  } catch {
    // A key of the wrong length is reported by the schema too; one outside the curve only here.
    return ['WEB_PUSH_VAPID_PRIVATE_KEY: is not a valid P-256 private key'];
  }
}

/** TURN credentials are signed with the shared secret: TURN servers without it could not be used. */
function turnProblems(env: Record<string, string | undefined>): string[] {
  const hasTurnUrls = (env.TURN_URLS ?? '').split(',').some((url) => url.trim() !== '');
  return hasTurnUrls && env.TURN_SHARED_SECRET === undefined
    ? ['TURN_SHARED_SECRET: required when TURN_URLS is set (the secret coturn checks credentials with)']
    : [];
}

/** Attachments are delivered only through signed URLs: uploads without the key to sign them are useless. */
function cloudinaryProblems(env: Record<string, string | undefined>): string[] {
  return env.CLOUDINARY_URL !== undefined && env.CLOUDINARY_AUTH_TOKEN_KEY === undefined
    ? [
        'CLOUDINARY_AUTH_TOKEN_KEY: required when CLOUDINARY_URL is set (Cloudinary console, Settings > Security > token-based authentication)',
      ]
    : [];
}

/** Variables whose empty value means "off" rather than "unset" (their default is on). */
const EMPTY_MEANS_OFF = new Set(['WEB_DIST_DIR']);

export function loadConfig(source: NodeJS.ProcessEnv): AppConfig {
  // Empty strings mean "unset", so that `FOO=` in an env file falls back to the default.
  const cleaned = Object.fromEntries(
    Object.entries(source).filter(([name, value]) => value !== '' || EMPTY_MEANS_OFF.has(name)),
  );
  const parsed = envSchema.safeParse(cleaned);
  const problems = [
    ...(parsed.error?.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`) ?? []),
    ...productionSecretProblems(cleaned),
    ...vapidProblems(cleaned),
    ...turnProblems(cleaned),
    ...cloudinaryProblems(cleaned),
  ];
  if (!parsed.success || problems.length > 0) {
    throw new ConfigError(problems);
  }
  return deepFreeze(toAppConfig(parsed.data));
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
}
