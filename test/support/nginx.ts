import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { acceptsConnections, freePort } from './local-services';

export interface RunningNginx {
  readonly httpsUrl: string;
  readonly httpUrl: string;
  stop(): Promise<void>;
}

/**
 * Starts the real nginx (Debian package) from the repo's template, with a throwaway self-signed
 * certificate, in front of the given app ports. Everything lives in a temporary prefix directory.
 */
export async function startNginx(appPorts: number[]): Promise<RunningNginx> {
  const dir = mkdtempSync(join(tmpdir(), 'parley-nginx-'));
  const [httpPort, httpsPort] = [await freePort(), await freePort()];
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-nodes',
      '-newkey',
      'rsa:2048',
      '-days',
      '1',
      '-subj',
      '/CN=127.0.0.1',
      '-keyout',
      join(dir, 'tls.key'),
      '-out',
      join(dir, 'tls.crt'),
    ],
    { stdio: 'ignore' },
  );
  const values: Record<string, string> = {
    PARLEY_UPSTREAM_SERVERS: appPorts.map((port) => `server 127.0.0.1:${port};`).join(' '),
    PARLEY_HTTP_LISTEN: `127.0.0.1:${httpPort}`,
    PARLEY_HTTPS_LISTEN: `127.0.0.1:${httpsPort}`,
    PARLEY_HTTPS_PORT_SUFFIX: `:${httpsPort}`,
    PARLEY_TLS_CERT: join(dir, 'tls.crt'),
    PARLEY_TLS_KEY: join(dir, 'tls.key'),
  };
  const template = readFileSync(resolve(__dirname, '../../nginx/parley.conf.template'), 'utf8');
  writeFileSync(
    join(dir, 'parley.conf'),
    template.replace(/\$\{(PARLEY_\w+)\}/g, (_, name: string) => values[name]),
  );
  writeFileSync(
    join(dir, 'nginx.conf'),
    `pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events {}
http {
  access_log off;
  client_body_temp_path ${dir}/body; proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi; uwsgi_temp_path ${dir}/uwsgi; scgi_temp_path ${dir}/scgi;
  include ${dir}/parley.conf;
}
`,
  );
  const child = spawn('nginx', ['-p', dir, '-c', join(dir, 'nginx.conf'), '-g', 'daemon off;'], {
    stdio: 'pipe',
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  await waitForPort(httpsPort, child, () => stderr);
  return {
    httpsUrl: `https://127.0.0.1:${httpsPort}`,
    httpUrl: `http://127.0.0.1:${httpPort}`,
    stop: async () => {
      const exited = new Promise((done) => child.once('exit', done));
      child.kill('SIGTERM');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function waitForPort(port: number, child: ChildProcess, stderr: () => string): Promise<void> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    if (child.exitCode !== null) {
      throw new Error(`nginx exited: ${stderr()}`);
    }
    if (await acceptsConnections(port)) {
      return;
    }
    if (Date.now() > deadline) {
      throw new Error(`nginx did not listen on ${port}: ${stderr()}`);
    }
    await new Promise((done) => setTimeout(done, 100));
  }
}
