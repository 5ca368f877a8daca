/**
 * Operator commands: `npm run cli -- make-admin <email>`, `npm run cli -- set-role <email> <role>`,
 * `npm run cli -- search:reindex`. Runs against the configured database, like the server (same environment
 * variables).
 */
import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module';
import { Role } from './common/auth/role';
import { runInContext } from './common/context/request-context';
import { ConfigError, loadConfig } from './config/load-config';
import { describe as describeProgress } from './search/indexing/search-reindexer';
import { SearchReindexService } from './search/indexing/search-reindex.service';
import { UsersService } from './users/users.service';

async function setRole(email: string | undefined, role: string | undefined): Promise<string> {
  if (!email || !isRole(role)) {
    throw new Error(`usage: set-role <email> <${Object.values(Role).join('|')}>`);
  }
  const app = await NestFactory.createApplicationContext(AppModule, { logger: ['error'] });
  try {
    const users = app.get(UsersService);
    const user = await users.findByEmail(email);
    if (!user) {
      throw new Error(`no user with email ${email}`);
    }
    // Audited as an operator's change: no request, no signed-in actor.
    await runInContext({ source: 'cli' }, () => users.setRole(user._id.toHexString(), role));
    return `${email} is now ${role === Role.Admin ? 'an' : 'a'} ${role} (in effect at once on every instance)`;
  } finally {
    await app.close();
  }
}

/**
 * Indexes every message for search again, under the write key, then deletes other keys' postings. Runs as
 * the cluster's one re-index job (this process works on it too), after any build already under way.
 */
async function reindexSearch(): Promise<string> {
  const app = await NestFactory.createApplicationContext(AppModule, { logger: ['error'] });
  try {
    await app
      .get(SearchReindexService)
      .rebuild((progress) => process.stdout.write(`${describeProgress(progress)}\n`));
    return 'Search re-index completed';
  } finally {
    await app.close();
  }
}

function isRole(value: string | undefined): value is Role {
  return (Object.values(Role) as string[]).includes(value ?? '');
}

const commands: Record<string, (...args: string[]) => Promise<string>> = {
  'make-admin': (email) => setRole(email, Role.Admin),
  'set-role': setRole,
  'search:reindex': reindexSearch,
};

async function main(): Promise<void> {
  loadConfig(process.env);
  const [name, ...args] = process.argv.slice(2);
  const command = name ? commands[name] : undefined;
  if (!command) {
    throw new Error(`commands: ${Object.keys(commands).join(', ')}`);
  }
  process.stdout.write(`${await command(...args)}\n`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(
      `${error instanceof ConfigError || error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exit(1);
  },
);
