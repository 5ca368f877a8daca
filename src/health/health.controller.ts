import { Controller, Get } from '@nestjs/common';

import { Public } from '../common/auth/auth.decorators';
import { HealthService } from './health.service';

@Public()
@Controller('health')
export class HealthController {
  constructor(private readonly health: HealthService) {}

  /** Everything: dependencies and heap. */
  @Get()
  full() {
    return this.health.full();
  }

  /** The process answers: for the container HEALTHCHECK and liveness probes; never touches dependencies. */
  @Get('live')
  live() {
    return { status: 'ok' };
  }

  /** Can serve traffic: MongoDB and Redis reachable. 503 naming the failing dependency otherwise. */
  @Get('ready')
  ready() {
    return this.health.ready();
  }
}
