import { resolve } from 'node:path';

/** The repository root, which the harness builds, runs and writes results under. */
export const ROOT = resolve(__dirname, '..');
