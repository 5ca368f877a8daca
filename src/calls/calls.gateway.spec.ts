import { MESSAGE_MAPPING_METADATA, MESSAGE_METADATA } from '@nestjs/websockets/constants';
import { CallClientEvent } from '../realtime/events';
import { CallsGateway } from './calls.gateway';

describe('CallsGateway', () => {
  it('handles exactly the call client events, each once', () => {
    const prototype = CallsGateway.prototype as unknown as Record<string, unknown>;
    const handled = Object.getOwnPropertyNames(prototype)
      .map((name) => prototype[name])
      .filter(
        (handler) => typeof handler === 'function' && Reflect.getMetadata(MESSAGE_MAPPING_METADATA, handler),
      )
      .map((handler) => Reflect.getMetadata(MESSAGE_METADATA, handler as object) as string);
    expect(handled.sort()).toEqual(Object.values(CallClientEvent).sort());
  });
});
