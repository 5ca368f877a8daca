import react from '@vitejs/plugin-react';
import { resolve } from 'node:path';
import { build, type Plugin } from 'vite';
import { defineConfig } from 'vitest/config';

const SERVICE_WORKER_ENTRY = resolve(import.meta.dirname, 'src/sw/service-worker.ts');

/**
 * Builds the service worker into dist/sw.js after the app: one self-contained classic script at a stable
 * URL at the root (its scope is the whole app; a worker cannot load the app's hashed chunks as modules in
 * every browser), so it is a separate build rather than a second entry of the app's.
 */
function serviceWorker(): Plugin {
  let outDir = 'dist';
  let mode = 'production';
  return {
    name: 'parley-service-worker',
    apply: 'build',
    configResolved(config) {
      outDir = config.build.outDir;
      mode = config.mode;
    },
    buildStart() {
      this.addWatchFile(SERVICE_WORKER_ENTRY);
    },
    async closeBundle() {
      await build({
        configFile: false,
        root: import.meta.dirname,
        mode,
        logLevel: 'warn',
        publicDir: false,
        build: {
          outDir,
          emptyOutDir: false,
          sourcemap: true,
          lib: {
            entry: SERVICE_WORKER_ENTRY,
            formats: ['iife'],
            name: 'parleyServiceWorker',
            fileName: () => 'sw.js',
          },
        },
      });
    },
  };
}

// Built into web/dist, which Parley serves at / (WEB_DIST_DIR). Nothing is inlined into index.html, so the
// page runs under Parley's Content-Security-Policy (script-src 'self', no inline scripts).
export default defineConfig({
  plugins: [react(), serviceWorker()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    assetsInlineLimit: 0,
    sourcemap: true,
  },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.spec.ts', 'src/**/*.spec.tsx'],
  },
});
