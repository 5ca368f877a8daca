/** Writes a run's JSON, its Markdown summary and an SVG chart of latency percentiles over offered load. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConnectionsResult, knee, StepResult } from './scenarios';
import { searchSection } from './search-report';
import type { SearchResult } from './search-scenario';

export interface RunResults {
  startedAt: string;
  mode: 'quick' | 'full';
  /** The Parley commit measured. */
  commit?: string;
  /** The harness's and the generator's Node. */
  machine: { cpus: number; node: string };
  /** Node version and flags of every server under test: the Docker image's (see `imageRuntime`). */
  server: { node: string; flags: string[]; parleyProbeFlags: string[] };
  /** What stored Parley's data: FerretDB on SQLite or PostgreSQL, or the MONGODB_URI given. */
  database?: string;
  users: number;
  seeding?: { users: number; seconds: number; method: string };
  steady: Record<string, StepResult[]>;
  /** Parley's step at half its knee's rate (scenarios 1 and 4). */
  halfKnee: Record<string, StepResult>;
  fanOut: Record<string, StepResult>;
  connections: Record<string, ConnectionsResult>;
  extra: Record<string, unknown>;
  /** The search scenario (its own server, last), or why it was skipped. */
  search?: SearchResult;
  failures: string[];
}

const BASELINE = 'bare socket.io relay';
/** The same relay storing each message first: the database's own ceiling under this load. */
const STORING_BASELINE = 'storing socket.io relay';

function ratio(value: number | undefined, base: number | undefined): string {
  return value !== undefined && base ? `${(value / base).toFixed(2)}x` : 'n/a';
}

function steadyTable(results: RunResults): string[] {
  const lines = [
    '| target | offered msg/s | deliveries/s | ack p50/p99 ms | deliver p50/p99/p99.9/max ms | lost | errors | dup | server CPU µs/delivery | database CPU µs/message | server loop p99 ms | knee |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|',
  ];
  for (const [name, steps] of Object.entries(results.steady)) {
    for (const s of steps) {
      lines.push(
        `| ${name} | ${s.offeredRate} | ${s.deliveriesPerSec} | ${s.ack.p50}/${s.ack.p99} | ` +
          `${s.deliver.p50}/${s.deliver.p99}/${s.deliver.p999}/${s.deliver.max} | ${s.lostAcks + s.lostDeliveries} | ` +
          `${s.errorAcks} | ${s.duplicates} | ${s.serverCpuMicrosPerDelivery} | ${s.databaseCpuMicrosPerMessage} | ` +
          `${s.serverEventLoopDelayP99Ms} | ${s.passed ? 'ok' : 'past'} |`,
      );
    }
  }
  return lines;
}

/** The issue's latency targets at half the knee. */
const HALF_KNEE_TARGET = { p50: 5, p99: 50, p999: 150 };

function halfKneeTable(results: RunResults): string[] {
  const rows = Object.entries(results.halfKnee);
  if (rows.length === 0) {
    return [];
  }
  const { p50, p99, p999 } = HALF_KNEE_TARGET;
  const met = (value: number, limit: number) => `${value} ${value <= limit ? '(met)' : '(not met)'}`;
  return [
    `### At half the knee (targets: deliver p50 <= ${p50} ms, p99 <= ${p99} ms, p99.9 <= ${p999} ms)`,
    '',
    '| target | offered msg/s | deliver p50 ms | deliver p99 ms | deliver p99.9 ms | lost | dup |',
    '|---|---|---|---|---|---|---|',
    ...rows.map(
      ([name, s]) =>
        `| ${name} | ${s.offeredRate} | ${met(s.deliver.p50, p50)} | ${met(s.deliver.p99, p99)} | ` +
        `${met(s.deliver.p999, p999)} | ${s.lostAcks + s.lostDeliveries} | ${s.duplicates} |`,
    ),
    '',
  ];
}

export function markdown(results: RunResults): string {
  const base = knee(results.steady[BASELINE]);
  const storing = knee(results.steady[STORING_BASELINE]);
  const lines = [
    `# Parley benchmark, ${results.startedAt} (${results.mode})`,
    '',
    `Parley ${results.commit ?? '(not run)'} on ${results.database ?? 'no database'}. ${results.machine.cpus} CPUs, servers on Node ${[results.server.node, ...results.server.flags].join(' ')} (the image's)${results.server.parleyProbeFlags.length ? `, Parley also with ${results.server.parleyProbeFlags.join(' ')} (a probe)` : ''}, generator on Node ${results.machine.node}, ${results.users} users. Server(s) on core 0, generator on core 1.`,
    results.seeding
      ? `Seeding: ${results.seeding.users} users in ${results.seeding.seconds} s (${results.seeding.method}).`
      : '',
    '',
    '## Scenario 1/4: chat steady state (knee: deliver p99 <= 100 ms, nothing lost, server loop p99 <= 50 ms)',
    '',
    '| target | knee msg/s | knee deliveries/s | ratio to bare Socket.IO | ratio to storing relay |',
    '|---|---|---|---|---|',
    ...Object.entries(results.steady).map(([name, steps]) => {
      const k = knee(steps);
      return (
        `| ${name} | ${k?.offeredRate ?? 'none'} | ${k?.deliveriesPerSec ?? 0} | ` +
        `${ratio(k?.deliveriesPerSec, base?.deliveriesPerSec)} | ${ratio(k?.deliveriesPerSec, storing?.deliveriesPerSec)} |`
      );
    }),
    '',
    ...steadyTable(results),
    '',
    ...halfKneeTable(results),
    '## Scenario 2: group fan-out (20 msg/s into one group, half its members connected)',
    '',
    '| target | deliveries/s | deliver p50/p99/max ms (to every recipient) | lost | server CPU µs/delivery |',
    '|---|---|---|---|---|',
    ...Object.entries(results.fanOut).map(
      ([name, s]) =>
        `| ${name} | ${s.deliveriesPerSec} | ${s.deliver.p50}/${s.deliver.p99}/${s.deliver.max} | ${s.lostAcks + s.lostDeliveries} | ${s.serverCpuMicrosPerDelivery} |`,
    ),
    '',
    '## Scenario 3: idle connections',
    '',
    '| target | sockets | failed | seconds | handshakes/s | RSS KB/socket | of it, young generation change KB/socket | heap KB/socket | loop p99 at rest ms |',
    '|---|---|---|---|---|---|---|---|---|',
    ...Object.entries(results.connections).map(
      ([name, c]) =>
        `| ${name} | ${c.connected}/${c.sockets} | ${c.failed} | ${(c.elapsedMs / 1000).toFixed(1)} | ${c.handshakesPerSec} | ${c.rssPerSocketKB} | ${c.youngGenerationChangePerSocketKB} | ${c.heapPerSocketKB} | ${c.restEventLoopDelayP99Ms} |`,
    ),
    '',
    ...searchSection(results.search),
    '## Other scenarios',
    '',
    '```json',
    JSON.stringify(results.extra, null, 2),
    '```',
    '',
    results.failures.length
      ? `## FAILED\n\n${results.failures.map((f) => `- ${f}`).join('\n')}`
      : '## Result: no unexplained losses',
    '',
  ];
  return lines.join('\n');
}

const COLORS = ['#d62728', '#1f77b4', '#2ca02c', '#9467bd', '#ff7f0e'];

/** Deliver p50 (dashed) and p99 (solid) over offered rate, log-scaled both ways, one colour per target. */
export function svgChart(results: RunResults): string {
  const [w, h, left, bottom, top, right] = [760, 420, 60, 50, 30, 200];
  const series = Object.entries(results.steady).filter(([, steps]) => steps.length > 0);
  const rates = series.flatMap(([, steps]) => steps.map((s) => s.offeredRate));
  const values = series
    .flatMap(([, steps]) => steps.flatMap((s) => [s.deliver.p50, s.deliver.p99]))
    .map((v) => Math.max(v, 0.1));
  const [xMin, xMax] = [Math.log10(Math.min(...rates, 100)), Math.log10(Math.max(...rates, 1000) * 1.1)];
  const [yMin, yMax] = [Math.log10(Math.min(...values, 1)), Math.log10(Math.max(...values, 1000))];
  const x = (rate: number) => left + ((Math.log10(rate) - xMin) / (xMax - xMin)) * (w - left - right);
  const y = (ms: number) =>
    h - bottom - ((Math.log10(Math.max(ms, 0.1)) - yMin) / (yMax - yMin)) * (h - bottom - top);
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" font-family="sans-serif" font-size="12">`,
    `<rect width="${w}" height="${h}" fill="white"/>`,
    `<text x="${left}" y="18">Deliver latency (p50 dashed, p99 solid) over offered messages/s, ${results.mode} run</text>`,
    `<line x1="${left}" y1="${h - bottom}" x2="${w - right}" y2="${h - bottom}" stroke="black"/>`,
    `<line x1="${left}" y1="${top}" x2="${left}" y2="${h - bottom}" stroke="black"/>`,
    `<line x1="${left}" y1="${y(100)}" x2="${w - right}" y2="${y(100)}" stroke="#999" stroke-dasharray="2 3"/>`,
    `<text x="${w - right + 4}" y="${y(100) + 4}" fill="#999">100 ms</text>`,
    `<text x="${(w - right) / 2}" y="${h - 10}">offered messages/s (log)</text>`,
    `<text x="12" y="${top + 10}">ms (log)</text>`,
  ];
  for (const ms of [1, 10, 100, 1000, 10000].filter((v) => Math.log10(v) >= yMin && Math.log10(v) <= yMax)) {
    parts.push(`<text x="${left - 40}" y="${y(ms) + 4}">${ms}</text>`);
  }
  for (const rate of [...new Set(rates)]) {
    parts.push(`<text x="${x(rate) - 12}" y="${h - bottom + 16}">${rate}</text>`);
  }
  series.forEach(([name, steps], i) => {
    const color = COLORS[i % COLORS.length];
    const path = (pick: (s: StepResult) => number) =>
      steps
        .map((s, j) => `${j ? 'L' : 'M'}${x(s.offeredRate).toFixed(1)},${y(pick(s)).toFixed(1)}`)
        .join(' ');
    parts.push(`<path d="${path((s) => s.deliver.p99)}" fill="none" stroke="${color}" stroke-width="2"/>`);
    parts.push(
      `<path d="${path((s) => s.deliver.p50)}" fill="none" stroke="${color}" stroke-dasharray="5 4"/>`,
    );
    parts.push(`<text x="${w - right + 10}" y="${top + 20 + i * 18}" fill="${color}">${name}</text>`);
  });
  parts.push('</svg>');
  return parts.join('\n');
}

export function writeResults(dir: string, results: RunResults): string {
  mkdirSync(dir, { recursive: true });
  const stamp = results.startedAt.replace(/[:.]/g, '-');
  const base = join(dir, stamp);
  writeFileSync(`${base}.json`, JSON.stringify(results, null, 2));
  writeFileSync(`${base}.md`, markdown(results));
  writeFileSync(`${base}.svg`, svgChart(results));
  return base;
}
