/*
 * Preloaded into every server the benchmark starts (`node -r bench/server-probe.js ...`): measures
 * event-loop delay with perf_hooks and answers the harness over the IPC channel, so no route is added to
 * the server under test. Requests ({ id, body }): 'reset' starts a new measurement window, 'stats' returns it. The
 * servers run with --expose-gc so RSS is read after a full collection (memory per socket, not garbage).
 */
'use strict';
const { monitorEventLoopDelay } = require('node:perf_hooks');
const v8 = require('node:v8');

/** Memory V8 has committed to the young generation: it follows the allocation rate, not the sockets. */
function newSpaceBytes() {
  const space = v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space');
  return space ? space.space_size : 0;
}

if (typeof process.send === 'function') {
  const histogram = monitorEventLoopDelay({ resolution: 10 });
  histogram.enable();
  // Requests come as { id, body } and replies carry the id (bench/protocol.ts, IpcEnvelope).
  process.on('message', ({ id, body }) => {
    if (body === 'reset') {
      histogram.reset();
      process.send({ id, body: { probe: 'reset' } });
    } else if (body === 'stats') {
      if (typeof global.gc === 'function') {
        global.gc();
      }
      const ms = (ns) => Math.round(ns / 1e4) / 100;
      process.send({
        id,
        body: {
          probe: 'stats',
          eventLoopDelayMs: {
            p50: ms(histogram.percentile(50)),
            p99: ms(histogram.percentile(99)),
            max: ms(histogram.max),
          },
          rssBytes: process.memoryUsage().rss,
          heapUsedBytes: process.memoryUsage().heapUsed,
          newSpaceBytes: newSpaceBytes(),
        },
      });
    }
  });
  // The channel must not keep a server alive that is otherwise shutting down.
  process.channel && process.channel.unref();
}
