import type { ServeStaticModuleOptions } from '@nestjs/serve-static';
import type { ServerResponse } from 'node:http';
import { existsSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

/** Vite's content-hashed output: a changed file gets a new name, so a cached copy never goes stale. */
export const IMMUTABLE = 'public, max-age=31536000, immutable';
/** index.html (and other unhashed files) is revalidated on every load, so a deploy reaches browsers at once. */
export const REVALIDATE = 'no-cache';

/**
 * Paths that answer index.html when no file matches: every GET except the API, Socket.IO and the hashed
 * assets (a missing asset is a 404, not an HTML page the browser would try to run as a script).
 * A regular expression rather than ServeStaticModule's `exclude`: for excluded paths its error middleware
 * turns every error into a 404, which would hide the API's body-parser errors (413, malformed JSON).
 */
export const CLIENT_ROUTES = /^\/(?!(?:api|socket\.io|assets)(?:\/|$))/;

/**
 * ServeStaticModule's options for the built client in `distDir`, or none (nothing served, the API runs as
 * before) when serving is off or the directory holds no index.html; `warn` says which.
 */
export function staticServingOptions(
  distDir: string | null,
  warn: (message: string) => void,
): ServeStaticModuleOptions[] {
  if (distDir === null) {
    return [];
  }
  if (!existsSync(join(distDir, 'index.html'))) {
    warn(
      `No web client served at /: ${distDir} has no index.html (run npm run build:web, or set WEB_DIST_DIR)`,
    );
    return [];
  }
  const assets = join(distDir, 'assets');
  return [
    {
      rootPath: distDir,
      renderPath: CLIENT_ROUTES,
      serveStaticOptions: {
        // index.html always comes from the fallback route, so it always gets the same headers.
        index: false,
        redirect: false,
        setHeaders: (res: ServerResponse, path: string) =>
          res.setHeader('Cache-Control', isInside(assets, path) ? IMMUTABLE : REVALIDATE),
      },
    },
  ];
}

function isInside(directory: string, path: string): boolean {
  const rest = relative(directory, path);
  return rest !== '' && !rest.startsWith(`..${sep}`) && rest !== '..';
}
