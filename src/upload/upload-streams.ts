import { Readable, Writable } from 'node:stream';

/** Reads a stream chunk by chunk on demand, so that its first bytes can be examined before the rest flows. */
export class ChunkReader {
  private readonly chunks: AsyncIterator<Buffer>;

  constructor(stream: Readable) {
    this.chunks = stream[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  }

  /** The next chunk, or undefined at the end; throws the stream's error. */
  async next(): Promise<Buffer | undefined> {
    const result = await this.chunks.next();
    return result.done ? undefined : result.value;
  }

  /** Chunks until at least `bytes` have been read (fewer only at the end), joined. */
  async head(bytes: number): Promise<Buffer> {
    const parts: Buffer[] = [];
    let length = 0;
    while (length < bytes) {
      const chunk = await this.next();
      if (!chunk) {
        break;
      }
      parts.push(chunk);
      length += chunk.length;
    }
    return Buffer.concat(parts);
  }

  /** Stops reading: the stream is destroyed. */
  async stop(): Promise<void> {
    await this.chunks.return?.();
  }
}

/**
 * Writes a chunk to every target and waits until each can take more (backpressure: the request is read no
 * faster than the slowest target consumes it). A target that is gone (ffmpeg exited) is skipped; `failure`
 * rejecting (the upload to Cloudinary failed) ends the wait, since that target would never drain again.
 */
export async function writeToAll(
  targets: readonly Writable[],
  chunk: Buffer,
  failure: Promise<never>,
): Promise<void> {
  const waits = targets
    .filter((target) => !target.destroyed && !target.write(chunk))
    .map((target) => drained(target));
  if (waits.length > 0) {
    await Promise.race([Promise.all(waits), failure]);
  }
}

function drained(target: Writable): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      target.off('drain', done).off('close', done).off('error', done);
      resolve();
    };
    target.on('drain', done).on('close', done).on('error', done);
  });
}
