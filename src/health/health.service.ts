import { Inject, Injectable } from '@nestjs/common';
import {
  HealthCheckResult,
  HealthCheckService,
  HealthIndicatorFunction,
  MemoryHealthIndicator,
  MongooseHealthIndicator,
} from '@nestjs/terminus';
import { CommonError, CommonErrorCode } from '../common/errors/common-errors';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { RedisHealthIndicator } from './redis.health';

const PING_TIMEOUT_MS = 1000;

@Injectable()
export class HealthService {
  constructor(
    private readonly health: HealthCheckService,
    private readonly mongo: MongooseHealthIndicator,
    private readonly redis: RedisHealthIndicator,
    private readonly memory: MemoryHealthIndicator,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  full(): Promise<HealthCheckResult> {
    return this.check([
      ...this.dependencies(),
      () => this.memory.checkHeap('heap', this.config.healthHeapLimitBytes),
    ]);
  }

  ready(): Promise<HealthCheckResult> {
    return this.check(this.dependencies());
  }

  private dependencies(): HealthIndicatorFunction[] {
    return [
      () => this.mongo.pingCheck('mongodb', { timeout: PING_TIMEOUT_MS }),
      () => this.redis.pingCheck('redis'),
    ];
  }

  /** Runs the checks; a failure becomes a 503 in the common error shape, naming what is down. */
  private async check(indicators: HealthIndicatorFunction[]): Promise<HealthCheckResult> {
    try {
      return await this.health.check(indicators);
    } catch (error) {
      const result = (error as { response?: HealthCheckResult }).response;
      if (!result?.error) {
        throw error;
      }
      const down = Object.keys(result.error);
      throw new CommonError(
        CommonErrorCode.ServiceUnavailable,
        `Unavailable: ${down.join(', ')} down`,
        result,
      );
    }
  }
}
