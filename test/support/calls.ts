import type { CallState } from '../../src/calls/call-state';
import { CallStateStore } from '../../src/calls/call-state.store';
import type { CallJoinAck } from '../../src/calls/calls.dto';
import type { Ack } from '../../src/realtime/events';
import { RegisteredUser } from './builders';
import { ChatClient, connectChat, emitWithAck } from './socket-client';
import { TestApp } from './test-app';

/** A device: one auth session of a user with a socket open on `/chat`. */
export interface Device {
  user: RegisteredUser;
  socket: ChatClient;
  accessToken: string;
}

/** Signs the user in again: another auth session, so another device. */
export async function signIn(t: Pick<TestApp, 'http'>, user: RegisteredUser): Promise<string> {
  const res = await t.http().post('/api/v1/auth/login').send({ email: user.email, password: user.password });
  if (res.status !== 200) {
    throw new Error(`login failed: ${res.status} ${JSON.stringify(res.body)}`);
  }
  return res.body.accessToken as string;
}

/** The user's registration session as a device, or (`newSession`) a fresh sign-in. */
export async function connectDevice(
  t: TestApp,
  user: RegisteredUser,
  { newSession = false } = {},
): Promise<Device> {
  const accessToken = newSession ? await signIn(t, user) : user.accessToken;
  return { user, accessToken, socket: await connectChat(t, { accessToken }) };
}

/** Sends a call event and returns its ack, whatever it says. */
export function callEvent<T = unknown>(device: Device, event: string, payload: unknown): Promise<Ack<T>> {
  return emitWithAck<T>(device.socket, event, payload);
}

/** Sends a call event that must succeed; returns the ack's data. */
export async function callOk<T = CallJoinAck>(device: Device, event: string, payload: unknown): Promise<T> {
  const ack = await callEvent<T>(device, event, payload);
  if (!ack.ok) {
    throw new Error(`${event} failed: ${JSON.stringify(ack.error)}`);
  }
  return ack.data;
}

/** The error code of a refused call event (fails the test if it succeeded). */
export async function callRefused(device: Device, event: string, payload: unknown): Promise<string> {
  const ack = await callEvent(device, event, payload);
  if (ack.ok) {
    throw new Error(`${event} succeeded: ${JSON.stringify(ack.data)}`);
  }
  return ack.error.code;
}

/** The call's state as every instance reads it from Redis. */
export function callState(t: TestApp, callId: string): Promise<CallState | null> {
  return t.app.get(CallStateStore, { strict: false }).get(callId);
}

/** A minimal session description of the shape browsers produce. */
export function sampleSdp(kind: 'offer' | 'answer' = 'offer'): string {
  return [
    'v=0',
    `o=- 46117317 2 IN IP4 127.0.0.1`,
    's=-',
    't=0 0',
    'a=group:BUNDLE 0',
    'm=audio 9 UDP/TLS/RTP/SAVPF 111',
    'c=IN IP4 0.0.0.0',
    `a=setup:${kind === 'offer' ? 'actpass' : 'active'}`,
    'a=mid:0',
    'a=rtpmap:111 opus/48000/2',
    '',
  ].join('\r\n');
}
