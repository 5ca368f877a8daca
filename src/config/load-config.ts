import { AppConfig, toAppConfig } from './app-config';
import { envSchema, MIN_PRODUCTION_SECRET_LENGTH, PLACEHOLDER_PATTERN, SECRET_VARIABLES } from './env.schema';

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
    if (value.length < MIN_PRODUCTION_SECRET_LENGTH) {
      return [`${name}: must be at least ${MIN_PRODUCTION_SECRET_LENGTH} characters in production`];
    }
    return PLACEHOLDER_PATTERN.test(value) ? [`${name}: looks like a placeholder; set a real secret`] : [];
  });
}

export function loadConfig(source: NodeJS.ProcessEnv): AppConfig {
  // Empty strings mean "unset", so that `FOO=` in an env file falls back to the default.
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== ''));
  const parsed = envSchema.safeParse(cleaned);
  const problems = [
    ...(parsed.error?.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`) ?? []),
    ...productionSecretProblems(cleaned),
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
