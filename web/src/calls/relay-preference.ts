import type { IceServer } from '../api/types';

const KEY = 'parley.calls.relayOnly';

/**
 * "Relay calls" (Settings → Calls), kept per browser: media goes only through the TURN server Parley hands
 * out, so the other side never learns this device's IP address (at some cost in latency). Without TURN
 * configured on the server, calls cannot connect with it on.
 */
export function relayOnly(): boolean {
  try {
    return localStorage.getItem(KEY) === '1';
  } catch {
    return false;
  }
}

export function setRelayOnly(on: boolean): void {
  try {
    if (on) {
      localStorage.setItem(KEY, '1');
    } else {
      localStorage.removeItem(KEY);
    }
  } catch {
    // Storage refused (a private window's quota): the setting lasts until the page closes at worst.
  }
}

/** The peer connections' configuration from the ICE servers of an ack or `incoming_call`. */
export function rtcConfiguration(iceServers: readonly IceServer[], relay: boolean): RTCConfiguration {
  return {
    iceServers: iceServers.map((server) => ({
      urls: [...server.urls],
      username: server.username,
      credential: server.credential,
    })),
    iceTransportPolicy: relay ? 'relay' : 'all',
  };
}
