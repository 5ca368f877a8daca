import { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  to: string[];
  raw: string;
}

/** A local SMTP server that keeps every message and lets a test await the next one for an address. */
export class SmtpSink {
  private readonly received: ReceivedMail[] = [];
  private readonly arriving: Array<{ to: string; resolve: () => void }> = [];
  private readonly waiters: Array<{ to: string; resolve: (mail: ReceivedMail) => void }> = [];
  private readonly refused = new Map<string, number>();
  private readonly server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onRcptTo: (address, _session, callback) => {
      const to = address.address.toLowerCase();
      const times = this.refused.get(to);
      if (times === undefined) {
        callback();
        return;
      }
      this.refused.set(to, times + 1);
      callback(Object.assign(new Error('5.1.1 Mailbox unavailable'), { responseCode: 550 }));
    },
    onData: (stream, session, callback) => {
      const recipients = session.envelope.rcptTo.map((rcpt) => rcpt.address.toLowerCase());
      this.arriving
        .splice(0)
        .forEach((waiter) =>
          recipients.includes(waiter.to) ? waiter.resolve() : this.arriving.push(waiter),
        );
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        // A slow server: the message is only accepted (and the sender's job done) after `acceptAfterMs`.
        setTimeout(() => {
          this.deliver({ to: recipients, raw: Buffer.concat(chunks).toString('utf8') });
          callback();
        }, this.acceptAfterMs);
      });
    },
  });

  constructor(private readonly acceptAfterMs = 0) {}

  /** Resolves when a message to `to` starts arriving (before it is accepted). */
  arrivalOf(to: string): Promise<void> {
    return new Promise((resolve) => this.arriving.push({ to: to.toLowerCase(), resolve }));
  }

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `smtp://127.0.0.1:${(this.server.server.address() as AddressInfo).port}`;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  /** From now on every message to `to` is refused at RCPT TO (550), as for an address that does not exist. */
  refuse(to: string): void {
    this.refused.set(to.toLowerCase(), this.refused.get(to.toLowerCase()) ?? 0);
  }

  /** How many times a message to a refused address was tried. */
  refusals(to: string): number {
    return this.refused.get(to.toLowerCase()) ?? 0;
  }

  count(to: string): number {
    return this.received.filter((mail) => mail.to.includes(to.toLowerCase())).length;
  }

  /** Resolves with the next message to `to` not yet taken. */
  next(to: string): Promise<ReceivedMail> {
    const index = this.received.findIndex((mail) => mail.to.includes(to.toLowerCase()));
    if (index >= 0) {
      return Promise.resolve(this.received.splice(index, 1)[0]);
    }
    return new Promise((resolve) => this.waiters.push({ to: to.toLowerCase(), resolve }));
  }

  private deliver(mail: ReceivedMail): void {
    const waiter = this.waiters.findIndex((w) => mail.to.includes(w.to));
    if (waiter >= 0) {
      this.waiters.splice(waiter, 1)[0].resolve(mail);
    } else {
      this.received.push(mail);
    }
  }
}

/** The message with its quoted-printable encoding undone (soft line breaks and =XX escapes). */
export function decodedBody(mail: ReceivedMail): string {
  return mail.raw
    .replace(/=\r?\n/g, '')
    .replace(/=([0-9A-F]{2})/g, (_match, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** The token of the first `<path>?token=...` link in a message. */
export function linkToken(mail: ReceivedMail, path: string): string {
  const body = decodedBody(mail);
  const match = new RegExp(`/${path}\\?token=([\\w-]+)`).exec(body);
  if (!match) {
    throw new Error(`no ${path} link in:\n${body}`);
  }
  return match[1];
}
