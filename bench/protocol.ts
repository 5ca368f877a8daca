/** Messages between the harness and its load-generator processes (over the Node IPC channel). */
import type { SearchLoadSpec } from './search-load';

/**
 * Every IPC request to a child (generator or server probe) and its reply travel in this envelope, the reply
 * with its request's id, so a late reply can never answer another request.
 */
export interface IpcEnvelope {
  id: number;
  body: unknown;
}

export interface ClientSpec {
  userId: string;
  /** Parley: an access token. Baselines: `<userId>:<room>,<room>` (they authenticate nothing). */
  token: string;
  url: string;
}

export interface ConversationSpec {
  id: string;
  memberIds: string[];
}

export interface LoadSpec {
  rate: number;
  durationMs: number;
  drainMs: number;
  conversations: ConversationSpec[];
  /** Drop every socket at this offset into the step and reconnect them all (reconnect storm). */
  stormAtMs?: number;
  /** For the storm's /sync check: base URL of Parley's REST API. */
  apiUrl?: string;
}

export type GeneratorCommand =
  | { cmd: 'connect'; clients: ClientSpec[]; concurrency: number }
  | { cmd: 'disconnect' }
  | { cmd: 'load'; spec: LoadSpec }
  | { cmd: 'search'; spec: SearchLoadSpec };

export interface ConnectResult {
  connected: number;
  failed: number;
  firstError?: string;
  elapsedMs: number;
}

export interface LoadResult {
  offeredRate: number;
  sent: number;
  acked: number;
  errorAcks: number;
  firstErrorAck?: string;
  lostAcks: number;
  expectedDeliveries: number;
  delivered: number;
  duplicates: number;
  lostDeliveries: number;
  unexpectedDeliveries: number;
  recoveredBySync: number;
  /** Sends whose ack was lost with a dropped socket, sent again with the same clientMessageId. */
  resentAfterReconnect: number;
  elapsedMs: number;
  deliveriesPerSec: number;
  ack: import('./stats').LatencySummary;
  deliver: import('./stats').LatencySummary;
  sendLatenessP99Ms: number;
  generatorLoopDelayP99Ms: number;
}
