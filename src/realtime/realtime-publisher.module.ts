import { Module } from '@nestjs/common';
import { ChatServerRef } from './chat-server.ref';
import { RealtimePublisher } from './realtime.publisher';

/** Imports no feature module, so every feature can publish socket events without import cycles. */
@Module({
  providers: [ChatServerRef, RealtimePublisher],
  exports: [ChatServerRef, RealtimePublisher],
})
export class RealtimePublisherModule {}
