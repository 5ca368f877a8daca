import { Injectable } from '@nestjs/common';
import { ChatNamespace } from './events';

/**
 * Holds the `/chat` namespace once the gateway has started, so the publisher can reach it without importing
 * the gateway (which depends on feature modules that depend on the publisher).
 */
@Injectable()
export class ChatServerRef {
  private namespace?: ChatNamespace;

  set(namespace: ChatNamespace): void {
    this.namespace = namespace;
  }

  /** After shutdown has drained: later publishes (a job finishing late) go nowhere instead of to a closed Redis. */
  clear(): void {
    this.namespace = undefined;
  }

  get(): ChatNamespace | undefined {
    return this.namespace;
  }
}
