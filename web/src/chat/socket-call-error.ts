/** A refused or unanswered socket event; `code` is the server's ack code (or OFFLINE / TIMEOUT). */
export class SocketCallError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'SocketCallError';
  }
}
