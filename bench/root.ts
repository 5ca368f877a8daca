import { resolve } from 'node:path';

/** The repository root, which the harness builds, runs and writes results under. */
export const ROOT = resolve(__dirname, '..');

/** Where the measured commit is built (see `buildParley`), relative to ROOT. */
export const BUILD_DIR = 'bench/.build/dist';
