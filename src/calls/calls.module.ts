import { Module } from '@nestjs/common';
import { CallsController } from './calls.controller';
import { IceServersService } from './ice-servers.service';

/** Voice and video calls (issue #30); so far the ICE servers with TURN credentials. */
@Module({
  controllers: [CallsController],
  providers: [IceServersService],
  exports: [IceServersService],
})
export class CallsModule {}
