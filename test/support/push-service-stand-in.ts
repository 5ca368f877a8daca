import { decrypt } from 'http_ece';
import { createECDH, createPublicKey, ECDH, KeyObject, randomBytes, verify } from 'node:crypto';
import { createServer, IncomingMessage, ServerResponse } from 'node:http';
import { listenOnLoopback, readBody } from './http-stand-in';

/** A browser's subscription: what it registers, and the private half it decrypts pushes with. */
export interface TestSubscription {
  endpoint: string;
  keys: { p256dh: string; auth: string };
  ecdh: ECDH;
  authSecret: Buffer;
}

export interface ReceivedPush {
  payload: Record<string, unknown>;
  ttl: string | undefined;
  urgency: string | undefined;
  topic: string | undefined;
}

interface Endpoint {
  subscription: TestSubscription;
  pushes: ReceivedPush[];
  attempts: number;
  /** Statuses to answer the next requests with, before accepting them again. */
  scripted: number[];
}

const MAX_JWT_LIFETIME_SECONDS = 24 * 3600;

/**
 * A local Web Push service (RFC 8030) on a loopback port. Like a real one it accepts a push only with a
 * valid VAPID header (RFC 8292: an ES256 JWT for its origin, signed by the configured key) and stores it
 * encrypted; here it also decrypts the aes128gcm body (RFC 8291) with the subscription's private key, so a
 * test reads what the browser would show. Anything wrong with a request lands in `problems`.
 */
export class PushServiceStandIn {
  readonly problems: string[] = [];
  private readonly endpoints = new Map<string, Endpoint>();
  private readonly server = createServer((request, response) => {
    void readBody(request).then((body) => this.receive(request, body, response));
  });
  private origin = '';
  private readonly vapidKey: KeyObject;

  constructor(private readonly vapid: { publicKey: string; subject: string }) {
    this.vapidKey = publicKeyOf(vapid.publicKey);
  }

  async start(): Promise<void> {
    this.origin = await listenOnLoopback(this.server);
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  /** A fresh browser subscription (P-256 key pair and 16-byte auth secret) on this service. */
  subscription(): TestSubscription {
    const ecdh = createECDH('prime256v1');
    ecdh.generateKeys();
    const authSecret = randomBytes(16);
    const subscription = {
      endpoint: `${this.origin}/push/${randomBytes(12).toString('hex')}`,
      keys: { p256dh: ecdh.getPublicKey('base64url'), auth: authSecret.toString('base64url') },
      ecdh,
      authSecret,
    };
    this.endpoints.set(new URL(subscription.endpoint).pathname, {
      subscription,
      pushes: [],
      attempts: 0,
      scripted: [],
    });
    return subscription;
  }

  /** The next `times` requests to this endpoint get `status` instead of being accepted. */
  answer(subscription: TestSubscription, status: number, times = Number.POSITIVE_INFINITY): void {
    this.endpointOf(subscription).scripted = Array.from({ length: Math.min(times, 1000) }, () => status);
  }

  pushesTo(subscription: TestSubscription): ReceivedPush[] {
    return this.endpointOf(subscription).pushes;
  }

  /** Every request made to the endpoint, accepted or not. */
  attemptsAt(subscription: TestSubscription): number {
    return this.endpointOf(subscription).attempts;
  }

  private endpointOf(subscription: TestSubscription): Endpoint {
    const endpoint = this.endpoints.get(new URL(subscription.endpoint).pathname);
    if (!endpoint) {
      throw new Error(`not a subscription of this push service: ${subscription.endpoint}`);
    }
    return endpoint;
  }

  private receive(request: IncomingMessage, body: Buffer, response: ServerResponse): void {
    const endpoint = this.endpoints.get(request.url ?? '');
    if (!endpoint || request.method !== 'POST') {
      this.refuse(response, 404, `${request.method} ${request.url}: no such subscription`);
      return;
    }
    endpoint.attempts += 1;
    const vapidProblem = this.vapidProblem(request.headers.authorization);
    if (vapidProblem) {
      this.refuse(response, 403, vapidProblem);
      return;
    }
    if (request.headers['content-encoding'] !== 'aes128gcm') {
      this.refuse(response, 415, `content-encoding ${request.headers['content-encoding']}`);
      return;
    }
    const scripted = endpoint.scripted.shift();
    if (scripted !== undefined) {
      response.writeHead(scripted).end();
      return;
    }
    let payload: Record<string, unknown>;
    try {
      const { ecdh, authSecret } = endpoint.subscription;
      const plaintext = decrypt(body, { version: 'aes128gcm', privateKey: ecdh, authSecret });
      payload = JSON.parse(plaintext.toString('utf8')) as Record<string, unknown>;
    } catch (error) {
      this.refuse(response, 400, `undecryptable push: ${(error as Error).message}`);
      return;
    }
    endpoint.pushes.push({
      payload,
      ttl: header(request, 'ttl'),
      urgency: header(request, 'urgency'),
      topic: header(request, 'topic'),
    });
    response.writeHead(201, { Location: `${this.origin}/message/${randomBytes(8).toString('hex')}` }).end();
  }

  /** RFC 8292 `Authorization: vapid t=<JWT>, k=<public key>`. */
  private vapidProblem(authorization: string | undefined): string | undefined {
    const match = /^vapid t=([\w-]+\.[\w-]+\.[\w-]+), k=([\w-]+)$/.exec(authorization ?? '');
    if (!match) {
      return `malformed Authorization header: ${authorization}`;
    }
    const [, jwt, key] = match;
    if (key !== this.vapid.publicKey) {
      return `unexpected VAPID key ${key}`;
    }
    const [header64, claims64, signature64] = jwt.split('.');
    const jwtHeader = JSON.parse(Buffer.from(header64, 'base64url').toString()) as { alg?: string };
    const signed = verify(
      'sha256',
      Buffer.from(`${header64}.${claims64}`),
      { key: this.vapidKey, dsaEncoding: 'ieee-p1363' },
      Buffer.from(signature64, 'base64url'),
    );
    if (jwtHeader.alg !== 'ES256' || !signed) {
      return 'VAPID JWT is not an ES256 signature by the VAPID key';
    }
    const claims = JSON.parse(Buffer.from(claims64, 'base64url').toString()) as {
      aud?: string;
      exp?: number;
      sub?: string;
    };
    const now = Date.now() / 1000;
    if (claims.aud !== this.origin) {
      return `VAPID aud ${claims.aud} is not ${this.origin}`;
    }
    if (!claims.exp || claims.exp <= now || claims.exp > now + MAX_JWT_LIFETIME_SECONDS) {
      return `VAPID exp ${claims.exp} is not within the next 24 hours`;
    }
    return claims.sub === this.vapid.subject ? undefined : `VAPID sub ${claims.sub}`;
  }

  private refuse(response: ServerResponse, status: number, problem: string): void {
    this.problems.push(problem);
    response.writeHead(status).end(problem);
  }
}

function header(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value.join(',') : value;
}

/** A raw uncompressed P-256 point (URL-safe base64) as a key object. */
function publicKeyOf(raw: string): KeyObject {
  const point = Buffer.from(raw, 'base64url');
  return createPublicKey({
    key: {
      kty: 'EC',
      crv: 'P-256',
      x: point.subarray(1, 33).toString('base64url'),
      y: point.subarray(33, 65).toString('base64url'),
    },
    format: 'jwk',
  });
}
