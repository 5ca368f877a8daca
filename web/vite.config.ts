import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

// Built into web/dist, which Parley serves at / (WEB_DIST_DIR). Nothing is inlined into index.html, so the
// page runs under Parley's Content-Security-Policy (script-src 'self', no inline scripts).
export default defineConfig({
  plugins: [react()],
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
