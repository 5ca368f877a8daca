import { MESSAGE_MAPPING_METADATA, MESSAGE_METADATA } from '@nestjs/websockets/constants';
import { ChatGateway } from '../realtime/chat.gateway';
import { ClientEvent, ServerEvent, ServerToClientEvents } from '../realtime/events';
import { RealtimePublisher } from '../realtime/realtime.publisher';
import { ClientToServerEvents } from './chat-events';
import { MessagesGateway } from './messages.gateway';

// Compile-time checks (`npm run typecheck`): each map has exactly the enum's events, by their string names.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const clientMapCoversClientEvents: Same<keyof ClientToServerEvents, `${ClientEvent}`> = true;
const serverMapCoversServerEvents: Same<keyof ServerToClientEvents, `${ServerEvent}`> = true;

/** The publisher pairs each event with its payload: a payload of another event does not compile. */
export function publisherChecksPayloads(publisher: RealtimePublisher): void {
  publisher.toUsers(['u'], ServerEvent.MemberAdded, { conversationId: 'c', userIds: ['u'], addedBy: 'u' });
  // @ts-expect-error member_removed names one user, not userIds
  publisher.toUsers(['u'], ServerEvent.MemberRemoved, { conversationId: 'c', userIds: ['u'], addedBy: 'u' });
}

/** The event names the gateways subscribe to, read from Nest's `@SubscribeMessage` metadata. */
function subscribedEvents(...gateways: Array<abstract new (...args: never[]) => object>): string[] {
  return gateways.flatMap((gateway) =>
    Object.getOwnPropertyNames(gateway.prototype)
      .map((name) => (gateway.prototype as Record<string, unknown>)[name])
      .filter(
        (handler) => typeof handler === 'function' && Reflect.getMetadata(MESSAGE_MAPPING_METADATA, handler),
      )
      .map((handler) => Reflect.getMetadata(MESSAGE_METADATA, handler as object) as string),
  );
}

describe('chat event maps', () => {
  it('type-check against the enums', () => {
    expect([clientMapCoversClientEvents, serverMapCoversServerEvents]).toEqual([true, true]);
  });

  it('name exactly the events the gateways handle, each handled once', () => {
    const handled = subscribedEvents(ChatGateway, MessagesGateway);
    expect([...handled].sort()).toEqual(Object.values(ClientEvent).sort());
  });
});
