import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, posix, resolve } from 'node:path';
import { parse } from 'yaml';
import { envSchema, SECRET_VARIABLES } from '../../src/config/env.schema';
import { loadConfig } from '../../src/config/load-config';

const root = resolve(__dirname, '../..');
const read = (file: string) => readFileSync(resolve(root, file), 'utf8');

const schemaKeys = Object.keys(envSchema.shape).sort();
const requiredKeys = schemaKeys.filter(
  (key) => !envSchema.shape[key as keyof typeof envSchema.shape].safeParse(undefined).success,
);

function envExample(): Map<string, string> {
  return new Map(
    read('.env.example')
      .split('\n')
      .filter((line) => /^[A-Z][A-Z0-9_]*=/.test(line))
      .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
  );
}

interface ComposeService {
  image?: string;
  build?: unknown;
  environment?: Record<string, string>;
  env_file?: Array<{ path: string; required: boolean }>;
  entrypoint?: string[];
  depends_on?: Record<string, { condition: string }>;
  ports?: string[];
  command?: string[];
  volumes?: string[];
  network_mode?: string;
  deploy?: { replicas?: number; resources?: { limits?: Record<string, unknown> } };
  healthcheck?: unknown;
}

const compose = parse(read('docker-compose.yml')) as { services: Record<string, ComposeService> };

/** What compose makes of `${VAR:-default}` (nested too) when nothing sets the variables. */
function withDefaults(value: string): string {
  const next = value.replace(/\$\{[A-Z_]+:-([^${}]*)\}/g, '$1');
  return next === value ? value : withDefaults(next);
}

describe('.env.example and docker-compose.yml agree with the config schema', () => {
  it('.env.example lists exactly the variables the app reads, each with a comment above it', () => {
    expect([...envExample().keys()].sort()).toEqual(schemaKeys);
    const lines = read('.env.example').split('\n');
    lines.forEach((line, index) => {
      if (/^[A-Z][A-Z0-9_]*=/.test(line)) {
        expect({ variable: line, commented: lines[index - 1]?.startsWith('#') }).toEqual({
          variable: line,
          commented: true,
        });
      }
    });
  });

  it('gives the app every required variable and no unknown one', () => {
    const app = compose.services.app;
    expect(app.env_file).toEqual([{ path: '.env', required: false }]);
    // Secrets come from .env when set, otherwise from the one-shot secrets service (docker/init-secrets.sh).
    const generated = [...read('docker/init-secrets.sh').matchAll(/echo "([A-Z_]+)=/g)].map((m) => m[1]);
    expect(app.depends_on?.secrets).toEqual({ condition: 'service_completed_successfully' });
    const provided = new Set([...Object.keys(app.environment ?? {}), ...generated]);
    for (const key of Object.keys(app.environment ?? {})) {
      expect(schemaKeys).toContain(key);
    }
    for (const key of requiredKeys) {
      expect({ key, provided: provided.has(key) }).toEqual({ key, provided: true });
    }
    expect(app.environment?.NODE_ENV).toBe('production');
    expect(app.environment?.MONGODB_URI).toMatch(/^mongodb:\/\/mongo:27017\//);
    expect(app.environment?.REDIS_URL).toBe('redis://redis:6379');
  });

  it('runs two app replicas behind nginx, keeps the databases unpublished, and limits resources', () => {
    const { app, nginx, mongo, redis } = compose.services;
    expect(app.deploy?.replicas).toBe(2);
    expect(nginx.ports).toEqual(['80:80', '443:443']);
    expect(mongo.image).toBe('mongo:7');
    expect(redis.image).toBe('redis:7');
    expect(mongo.ports).toBeUndefined();
    expect(redis.ports).toBeUndefined();
    for (const service of Object.values(compose.services)) {
      expect(service.deploy?.resources?.limits).toBeDefined();
    }
  });

  it('configures Redis so queued jobs are never evicted and survive a restart', () => {
    const command = compose.services.redis.command?.join(' ');
    expect(command).toContain('--maxmemory-policy noeviction');
    expect(command).toContain('--appendonly yes');
  });

  it('sends the web client, the API and Socket.IO to the app, and answers nothing itself', () => {
    const template = read('nginx/parley.conf.template');
    for (const location of ['location / {', 'location /api/ {', 'location /socket.io/ {']) {
      const block = template.slice(template.indexOf(location));
      expect({ location, proxied: /^[^}]*proxy_pass http:\/\/parley_app;/.test(block) }).toEqual({
        location,
        proxied: true,
      });
    }
    expect(template).not.toMatch(/return 404;/);
  });

  it("lets bodies up to the app's limits through Nginx, so the app answers an oversized one in its own shape", () => {
    const template = read('nginx/parley.conf.template');
    const megabytes = (text: string | undefined) => Number(/^(\d+)m$/.exec(text ?? '')?.[1]) * 1024 * 1024;
    const serverLimit = megabytes(/^ {4}client_max_body_size (\S+);/m.exec(template)?.[1]);
    const uploadsLocation = /location = \/api\/v1\/uploads \{([^}]*)\}/.exec(template)?.[1];
    const uploadsLimit = megabytes(/client_max_body_size (\S+);/.exec(uploadsLocation ?? '')?.[1]);
    const config = loadConfig({
      MONGODB_URI: 'mongodb://mongo:27017/parley',
      REDIS_URL: 'redis://redis:6379',
      JWT_ACCESS_SECRET: 'x'.repeat(32),
      ...Object.fromEntries(envExample()),
    });
    expect(serverLimit).toBeGreaterThanOrEqual(parseBytes(config.http.bodyLimit));
    // Multipart framing adds a few hundred bytes to the file itself.
    expect(uploadsLimit).toBeGreaterThan(Math.max(...Object.values(config.upload.maxBytes)) + 64 * 1024);
    // Uploads stream through to the app, which enforces each kind's limit while the file arrives.
    expect(uploadsLocation).toMatch(/proxy_request_buffering off;/);
  });
});

function parseBytes(limit: string): number {
  const [, amount, unit] = /^(\d+)(b|kb|mb)$/.exec(limit) ?? [];
  return Number(amount) * { b: 1, kb: 1024, mb: 1024 * 1024 }[unit as 'b' | 'kb' | 'mb'];
}

describe('Generated secrets for `docker compose up`', () => {
  // The secrets service runs as root and the app image as `node` (uid 1000): only root can hand the file over.
  const asRoot = process.getuid?.() === 0 ? it : it.skip;

  asRoot("are readable by the app image's user (node, uid 1000) and by nobody else", () => {
    const dir = mkdtempSync(join(tmpdir(), 'parley-secrets-'));
    chmodSync(dir, 0o755);
    const env = { PATH: process.env.PATH ?? '', PARLEY_SECRETS_FILE: join(dir, 'secrets.env') };
    execFileSync('sh', [resolve(root, 'docker/init-secrets.sh')], { env });
    expect(statSync(env.PARLEY_SECRETS_FILE)).toMatchObject({ uid: 1000, gid: 1000 });
    expect(statSync(env.PARLEY_SECRETS_FILE).mode & 0o077).toBe(0);
    const seen = execFileSync('sh', [resolve(root, 'docker/app-entrypoint.sh'), 'env'], {
      env,
      uid: 1000,
      gid: 1000,
    }).toString();
    expect(seen).toMatch(/^JWT_ACCESS_SECRET=.{32,}$/m);
  });

  it('are generated once, fill in only unset variables, and satisfy the production config checks', () => {
    const dir = mkdtempSync(join(tmpdir(), 'parley-secrets-'));
    const env = { PATH: process.env.PATH ?? '', PARLEY_SECRETS_FILE: join(dir, 'secrets.env') };
    execFileSync('sh', [resolve(root, 'docker/init-secrets.sh')], { env });
    const first = readFileSync(env.PARLEY_SECRETS_FILE, 'utf8');
    execFileSync('sh', [resolve(root, 'docker/init-secrets.sh')], { env });
    expect(readFileSync(env.PARLEY_SECRETS_FILE, 'utf8')).toBe(first);
    for (const name of SECRET_VARIABLES) {
      expect(first).toMatch(new RegExp(`^${name}=`, 'm'));
    }
    const seen = (extra: Record<string, string>) =>
      Object.fromEntries(
        execFileSync('sh', [resolve(root, 'docker/app-entrypoint.sh'), 'env'], { env: { ...env, ...extra } })
          .toString()
          .split('\n')
          .filter((line) => line.includes('='))
          .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
      );
    const generated = seen({});
    expect(seen({ JWT_ACCESS_SECRET: 'mine-from-dot-env-of-enough-length-1234' }).JWT_ACCESS_SECRET).toBe(
      'mine-from-dot-env-of-enough-length-1234',
    );
    expect(() =>
      loadConfig({
        NODE_ENV: 'production',
        MONGODB_URI: 'mongodb://mongo:27017/parley',
        REDIS_URL: 'redis://redis:6379',
        JWT_ACCESS_SECRET: generated.JWT_ACCESS_SECRET,
        MESSAGE_ENCRYPTION_KEYS: generated.MESSAGE_ENCRYPTION_KEYS,
        SEARCH_INDEX_KEYS: generated.SEARCH_INDEX_KEYS,
        TURN_URLS: withDefaults(compose.services.app.environment?.TURN_URLS ?? ''),
        TURN_SHARED_SECRET: generated.TURN_SHARED_SECRET,
      }),
    ).not.toThrow();
    rmSync(dir, { recursive: true, force: true });
  });

  it('adds a secret a newer version needs to an existing file, keeping the others', () => {
    const dir = mkdtempSync(join(tmpdir(), 'parley-secrets-'));
    const file = join(dir, 'secrets.env');
    const older =
      'JWT_ACCESS_SECRET=kept-from-before-of-enough-length-12345\nMESSAGE_ENCRYPTION_KEYS=k1:kept\n';
    writeFileSync(file, older);
    execFileSync('sh', [resolve(root, 'docker/init-secrets.sh')], {
      env: { PATH: process.env.PATH ?? '', PARLEY_SECRETS_FILE: file },
    });
    const now = readFileSync(file, 'utf8');
    expect(now.startsWith(older)).toBe(true);
    expect(now.slice(older.length)).toMatch(
      /^TURN_SHARED_SECRET=[A-Za-z0-9]{32,}\nSEARCH_INDEX_KEYS=k1:[A-Za-z0-9+/]{43}=\n$/,
    );
    rmSync(dir, { recursive: true, force: true });
  });
});

describe('coturn in docker-compose.yml', () => {
  const coturn = compose.services.coturn;

  it('runs the official image on the host network, after the secrets service, reading the secrets volume', () => {
    expect(coturn.image).toMatch(/^coturn\/coturn:\d/);
    expect(coturn.network_mode).toBe('host');
    expect(coturn.depends_on?.secrets).toEqual({ condition: 'service_completed_successfully' });
    const secretsMount = (service: ComposeService) =>
      service.volumes?.find((volume) => volume.startsWith('parley-secrets:'))?.split(':')[1];
    expect(secretsMount(coturn)).toBe(secretsMount(compose.services.app));
    expect(coturn.entrypoint).toEqual(['/bin/sh', '/parley/coturn-start.sh']);
    expect(coturn.volumes).toContain('./docker/coturn-start.sh:/parley/coturn-start.sh:ro');
    // From the same .env as the app's (compose reads it for interpolation too).
    expect(coturn.environment?.TURN_SHARED_SECRET).toBe('${TURN_SHARED_SECRET:-}');
  });

  it("gives the app TURN URLs by default, on coturn's listening port", () => {
    const urls = withDefaults(compose.services.app.environment?.TURN_URLS ?? '');
    expect(urls.split(',')).toEqual([
      'turn:localhost:3478?transport=udp',
      'turn:localhost:3478?transport=tcp',
    ]);
  });

  describe('the configuration coturn-start.sh writes', () => {
    let dir: string;
    const secretsFile = () => join(dir, 'secrets.env');

    beforeEach(() => {
      dir = mkdtempSync(join(tmpdir(), 'parley-coturn-'));
      // A stand-in turnserver that prints its arguments, its environment and the configuration it was given.
      writeFileSync(join(dir, 'turnserver'), '#!/bin/sh\necho "ARGS $*"\nenv | sed "s/^/ENV /"\ncat "$2"\n');
      chmodSync(join(dir, 'turnserver'), 0o755);
      execFileSync('sh', [resolve(root, 'docker/init-secrets.sh')], {
        env: { PATH: process.env.PATH ?? '', PARLEY_SECRETS_FILE: secretsFile() },
      });
    });
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    const run = (script: string, args: string[], extra: Record<string, string> = {}) =>
      execFileSync('sh', [resolve(root, script), ...args], {
        env: {
          PATH: `${dir}:${process.env.PATH ?? ''}`,
          PARLEY_SECRETS_FILE: secretsFile(),
          PARLEY_COTURN_CONF: join(dir, 'turnserver.conf'),
          PARLEY_COTURN_TLS_DIR: join(dir, 'no-tls'),
          PARLEY_COTURN_TLS_WAIT_SECONDS: '0',
          ...extra,
        },
        stdio: ['ignore', 'pipe', 'ignore'],
      }).toString();
    const appSecret = (extra: Record<string, string> = {}) =>
      /^TURN_SHARED_SECRET=(.*)$/m.exec(run('docker/app-entrypoint.sh', ['env'], extra))?.[1];
    const coturnConfig = (extra: Record<string, string> = {}) =>
      run('docker/coturn-start.sh', ['--log-file=stdout'], extra);

    it("checks credentials with the app's TURN secret: the generated one, or .env's when set", () => {
      const generated = appSecret();
      expect(generated).toMatch(/^[A-Za-z0-9]{32,}$/);
      expect(coturnConfig()).toContain(`\nstatic-auth-secret=${generated}\n`);
      const mine = 'mine-from-dot-env-of-enough-length-1234';
      expect(appSecret({ TURN_SHARED_SECRET: mine })).toBe(mine);
      expect(coturnConfig({ TURN_SHARED_SECRET: mine })).toContain(`\nstatic-auth-secret=${mine}\n`);
    });

    it('keeps the secret out of the command line and the environment, and hardens the relay', () => {
      const output = coturnConfig({ TURN_REALM: 'chat.parley.example' });
      const secret = appSecret() ?? '';
      const lines = output.split('\n');
      expect(
        lines.filter((line) => line.startsWith('ARGS ') || line.startsWith('ENV ')).join('\n'),
      ).not.toContain(secret);
      expect(lines).toEqual(
        expect.arrayContaining([
          'ARGS -c ' + join(dir, 'turnserver.conf') + ' --log-file=stdout',
          'use-auth-secret',
          'realm=chat.parley.example',
          'listening-port=3478',
          'tls-listening-port=5349',
          'fingerprint',
          'no-cli',
          'no-multicast-peers',
          'denied-peer-ip=127.0.0.0-127.255.255.255',
          'denied-peer-ip=10.0.0.0-10.255.255.255',
          'denied-peer-ip=172.16.0.0-172.31.255.255',
          'denied-peer-ip=192.168.0.0-192.168.255.255',
          'denied-peer-ip=::1',
          'proc-user=nobody',
          // No certificate mounted: plain TURN only.
          'no-tls',
        ]),
      );
    });
  });
});

describe('Dockerfile', () => {
  const dockerfile = read('Dockerfile');

  it('compiles in a build stage; runs the output with production dependencies only, as non-root, via the entrypoint', () => {
    expect(dockerfile.match(/^FROM /gm)).toHaveLength(2);
    expect(dockerfile).toMatch(/npm ci --omit=dev/);
    expect(dockerfile).toMatch(/^USER node$/m);
    expect(dockerfile).toMatch(/COPY --from=build \/app\/dist/);
    expect(dockerfile).toMatch(/ENTRYPOINT \["\/usr\/local\/bin\/parley-entrypoint"\]/);
  });

  it('runs one event loop per core: GC on the main thread, one CPU per app instance, as start:prod does', () => {
    const cmd = JSON.parse(/^CMD (\[.*\])$/m.exec(dockerfile)?.[1] ?? '[]') as string[];
    expect(cmd).toEqual(['node', '--single-threaded-gc', 'dist/main.js']);
    expect(compose.services.app.deploy?.resources?.limits?.cpus).toBe('1.0');
    const scripts = (JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts;
    expect(scripts['start:prod']).toBe(`NODE_ENV=production ${cmd.join(' ')}`);
  });

  it('builds and runs on one Node major version, which CI tests on', () => {
    const majors = [...dockerfile.matchAll(/^FROM node:(\d+)-\S+ AS \w+$/gm)].map((from) => Number(from[1]));
    expect(majors).toHaveLength(2);
    expect(new Set(majors).size).toBe(1);
    const workflow = parse(read('.github/workflows/ci.yml')) as {
      jobs: { test: { strategy: { matrix: { node: number[] } } } };
    };
    expect(workflow.jobs.test.strategy.matrix.node).toContain(majors[0]);
  });

  it('builds the web client in the build stage, after installing with its package.json, and ships only its output', () => {
    const [build, runtime] = dockerfile.split(/^FROM /m).slice(1);
    const lines = (stage = '') => stage.split('\n').map((line) => line.trim());
    const buildLines = lines(build);
    const at = (line: string) => buildLines.indexOf(line);
    expect(at('COPY package.json package-lock.json ./')).toBeGreaterThan(-1);
    expect(at('COPY web/package.json ./web/')).toBeGreaterThan(at('COPY package.json package-lock.json ./'));
    expect(at('RUN npm ci --no-audit --no-fund')).toBeGreaterThan(at('COPY web/package.json ./web/'));
    expect(at('COPY web ./web')).toBeGreaterThan(at('RUN npm ci --no-audit --no-fund'));
    expect(at('RUN npm run build -w @parley/web')).toBeGreaterThan(at('COPY web ./web'));
    // The server's production install leaves out the web workspace, whose packages are all build tools.
    expect(runtime).toMatch(/npm ci --omit=dev --workspaces=false/);
    expect(runtime).not.toMatch(/COPY web\b/);
    const web = JSON.parse(read('web/package.json')) as { dependencies?: object };
    expect(web.dependencies ?? {}).toEqual({});
    // The runtime copies the client to where WEB_DIST_DIR points, resolved from WORKDIR as the app does.
    const workdir = /^WORKDIR (\S+)$/m.exec(runtime ?? '')?.[1] ?? '/';
    const copied = /^COPY --from=build \/app\/web\/dist (\S+)$/m.exec(runtime ?? '')?.[1];
    expect(copied).toBeDefined();
    const configured = /WEB_DIST_DIR=(\S+)/.exec(runtime ?? '')?.[1];
    const distDir = posix.resolve(workdir, configured ?? envSchema.shape.WEB_DIST_DIR.parse(undefined));
    expect(posix.resolve(workdir, copied ?? '')).toBe(distDir);
    // The build context leaves out local builds and dependencies, so the image builds its own.
    const ignored = read('.dockerignore').split('\n');
    expect(ignored).toEqual(expect.arrayContaining(['**/node_modules', 'web/dist']));
  });

  it('installs ffmpeg in the runtime image, which voice notes are decoded with', () => {
    const runtime = dockerfile.split(/^FROM /m)[2] ?? '';
    expect(runtime).toMatch(/apt-get install -y --no-install-recommends ffmpeg/);
  });

  it('health-checks the liveness route the app serves', () => {
    const healthcheck = dockerfile.slice(dockerfile.indexOf('HEALTHCHECK'));
    expect(healthcheck).toContain('/api/v1/health/live');
  });
});
