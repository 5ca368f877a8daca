import { Inject, Injectable } from '@nestjs/common';
import { generateRequestDetails, RequestOptions } from 'web-push';
import { APP_CONFIG, AppConfig, VapidConfig } from '../config/app-config';

/** How long a push service keeps a push for a device that is offline: chat news older than a day is stale. */
const PUSH_TTL_SECONDS = 24 * 3600;
const PUSH_TIMEOUT_MS = 10_000;

/** What became of one push: `retry` covers 429, 5xx and network failures. */
export type PushOutcome = 'delivered' | 'gone' | 'rejected' | 'retry';

export interface PushTarget {
  endpoint: string;
  keys: { p256dh: string; auth: string };
}

/** RFC 8030: 404/410 mean the subscription is gone for good; 429 and 5xx are worth another try. */
export function outcomeOfStatus(status: number): PushOutcome {
  if (status >= 200 && status < 300) {
    return 'delivered';
  }
  if (status === 404 || status === 410) {
    return 'gone';
  }
  return status === 429 || status >= 500 ? 'retry' : 'rejected';
}

/**
 * Sends Web Push messages signed with the configured VAPID keys. `web-push` builds each request (the VAPID
 * JWT and the aes128gcm encryption to the browser's keys); it is sent with `fetch` because `sendNotification`
 * speaks HTTPS only, and local push-service stand-ins (tests, development) serve plain HTTP, which the
 * subscription routes refuse in production. The VAPID details go with every request rather than through
 * `setVapidDetails`, which would set them for the whole process (and every app in it).
 */
@Injectable()
export class WebPushSender {
  private readonly vapid: VapidConfig | null;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.vapid = config.webPush.vapid;
  }

  get publicKey(): string | undefined {
    return this.vapid?.publicKey;
  }

  /**
   * `topic` lets the push service replace a queued push with a newer one of the same topic; `ttlSeconds`
   * how long it keeps the push for an offline device (a ringing call is stale within a minute).
   */
  async send(
    target: PushTarget,
    payload: string,
    topic: string,
    ttlSeconds: number = PUSH_TTL_SECONDS,
  ): Promise<{ outcome: PushOutcome; detail: string }> {
    if (!this.vapid) {
      return { outcome: 'rejected', detail: 'Web Push is not configured' };
    }
    const options: RequestOptions = {
      vapidDetails: this.vapid,
      TTL: ttlSeconds,
      urgency: 'high',
      topic,
    };
    let request: ReturnType<typeof generateRequestDetails>;
    try {
      request = generateRequestDetails(target, payload, options);
    } catch (error) {
      // Keys are checked at registration, so this is one unusable subscription, not a reason to retry.
      return { outcome: 'rejected', detail: (error as Error).message };
    }
    try {
      const response = await fetch(request.endpoint, {
        method: 'POST',
        headers: headersOf(request.headers),
        body: request.body,
        redirect: 'error',
        signal: AbortSignal.timeout(PUSH_TIMEOUT_MS),
      });
      await response.body?.cancel();
      return { outcome: outcomeOfStatus(response.status), detail: `HTTP ${response.status}` };
    } catch (error) {
      return { outcome: 'retry', detail: (error as Error).message };
    }
  }
}

/** fetch computes Content-Length itself and wants string values. */
function headersOf(headers: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(headers)
      .filter(([name]) => name.toLowerCase() !== 'content-length')
      .map(([name, value]) => [name, String(value)]),
  );
}
