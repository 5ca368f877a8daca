/**
 * Operator commands: `npm run cli -- make-admin <email>`. Runs against the configured database, like the
 * server (same environment variables).
 */
import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module';
import { Role } from './common/auth/role';
import { runInContext } from './common/context/request-context';
import { ConfigError, loadConfig } from './config/load-config';
import { UsersService } from './users/users.service';

async function makeAdmin(email: string | undefined): Promise<string> {
  if (!email) {
    throw new Error('usage: make-admin <email>');
  }
  const app = await NestFactory.createApplicationContext(AppModule, { logger: ['error'] });
  try {
    const users = app.get(UsersService);
    const user = await users.findByEmail(email);
    if (!user) {
      throw new Error(`no user with email ${email}`);
    }
    // Audited as an operator's change: no request, no signed-in actor.
    await runInContext({ source: 'cli' }, () => users.setRole(user._id.toHexString(), Role.Admin));
    return `${email} is now an admin (takes effect at their next login or token refresh)`;
  } finally {
    await app.close();
  }
}

const commands: Record<string, (...args: string[]) => Promise<string>> = { 'make-admin': makeAdmin };

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
