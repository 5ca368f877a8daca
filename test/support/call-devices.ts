import { JwtService } from '@nestjs/jwt';
import { deviceIdOf } from '../../src/calls/device-id';
import { bearer, RegisteredUser } from './builders';
import { signIn } from './calls';
import { ChatClient, ChatClientOptions, collect, connectChat } from './socket-client';
import { TestApp } from './test-app';

/**
 * A user's device in a call (as `Device` in calls.ts), with the id other participants know it by, on any
 * instance or behind nginx.
 */
export interface CallDevice {
  user: RegisteredUser;
  socket: ChatClient;
  deviceId: string;
  accessToken: string;
}

/** The device id of the session behind an access token, as the server derives it. */
export function deviceIdOfToken(accessToken: string): string {
  return deviceIdOf(new JwtService().decode<{ sid: string }>(accessToken).sid);
}

/**
 * Connects a device of the user to `target` (an instance, or nginx in front of several): on the user's
 * registration session unless `fresh`, else on a new one (a second phone, a laptop).
 */
export async function callDevice(
  target: { url: string } & Pick<TestApp, 'http'>,
  user: RegisteredUser,
  { fresh = false, options = {} }: { fresh?: boolean; options?: ChatClientOptions } = {},
): Promise<CallDevice> {
  const accessToken = fresh ? await signIn(target, user) : user.accessToken;
  const socket = await connectChat(target, { accessToken }, options);
  return { user, socket, deviceId: deviceIdOfToken(accessToken), accessToken };
}

/** Starts collecting every call event a device receives, by name, to count what arrived in a window. */
export function recordCallEvents(device: CallDevice): Map<string, Array<Record<string, unknown>>> {
  const names = [
    'incoming_call',
    'call_accepted',
    'call_answered_elsewhere',
    'call_rejected',
    'call_participant_joined',
    'call_participant_left',
    'call_offer',
    'call_answer',
    'ice_candidate',
    'call_media',
    'call_busy',
    'call_missed',
    'call_ended',
  ];
  return new Map(names.map((name) => [name, collect<Record<string, unknown>>(device.socket, name)]));
}

/** The events of one name and call a recorder holds. */
export function eventsOf(
  recorded: Map<string, Array<Record<string, unknown>>>,
  name: string,
  callId: string,
): Array<Record<string, unknown>> {
  return (recorded.get(name) ?? []).filter((payload) => payload.callId === callId);
}

/** The user's call history (`GET /calls`), newest first. */
export async function callHistory(
  app: Pick<TestApp, 'http'>,
  user: { accessToken: string },
): Promise<Array<Record<string, unknown>>> {
  const res = await app
    .http()
    .get('/api/v1/calls')
    .set(...bearer(user));
  if (res.status !== 200) {
    throw new Error(`GET /calls failed: ${res.status} ${JSON.stringify(res.body)}`);
  }
  return res.body.items as Array<Record<string, unknown>>;
}

/** The `call` messages of a conversation's timeline. */
export async function callMessages(
  app: Pick<TestApp, 'http'>,
  user: { accessToken: string },
  conversationId: string,
): Promise<Array<{ seq: number; type: string; call: Record<string, unknown> }>> {
  const res = await app
    .http()
    .get(`/api/v1/conversations/${conversationId}/messages?limit=100`)
    .set(...bearer(user));
  if (res.status !== 200) {
    throw new Error(`messages failed: ${res.status} ${JSON.stringify(res.body)}`);
  }
  return (res.body.items as Array<{ seq: number; type: string; call: Record<string, unknown> }>).filter(
    (message) => message.type === 'call',
  );
}
