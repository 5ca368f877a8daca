import busboy from 'busboy';
import { IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';
import { UploadError, UploadErrorCode } from './upload.errors';

/** The one file of an upload request, while it streams in. */
export interface FilePart {
  /** The name the client gave (unsanitized). */
  name: string;
  /** The client's Content-Type for the part; never trusted on its own (see sniffFileType). */
  declaredType: string;
  /** The file's bytes; fails with the request's problem (an extra part, a body cut short) if one arises. */
  content: Readable;
  /**
   * Settles when the whole request has been read: resolves if nothing followed the file, rejects otherwise.
   * Nothing may be kept before it resolves.
   */
  rest: Promise<void>;
}

/**
 * Reads a multipart/form-data upload request holding exactly one part, the file in the field `file`, and
 * hands it to `handle` as it starts to arrive: the body streams through busboy, never held whole. Any
 * other part (a field, a second file), a body that is not multipart, cut short or aborted fails the upload
 * with a coded error; the rest of the body is then read and dropped so the answer can be sent.
 */
export function receiveOneFile<T>(
  request: IncomingMessage,
  handle: (file: FilePart) => Promise<T>,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      // Browsers send UTF-8 file names without saying so; the default would read them as latin1. A second
      // part is still parsed (so that it is noticed, as a file or a field); a third is not even read.
      parser = busboy({ headers: request.headers, defParamCharset: 'utf8', limits: { parts: 2, fields: 0 } });
    } catch {
      reject(new UploadError(UploadErrorCode.FileMissing));
      return;
    }
    let content: Readable | undefined;
    let failure: Error | undefined;
    let settleRest!: (error?: Error) => void;
    const rest = new Promise<void>((done, failed) => {
      settleRest = (error) => (error ? failed(error) : done());
    });
    // Only a handler that failed for its own reason leaves this unobserved.
    rest.catch(() => undefined);

    const fail = (error: Error) => {
      if (failure) {
        return;
      }
      failure = error;
      request.unpipe(parser);
      request.resume();
      settleRest(error);
      // A running handler hears of it through its stream (or `rest`) and cleans up before answering.
      if (content) {
        content.destroy(error);
      } else {
        reject(error);
      }
    };
    const unexpected = () => fail(new UploadError(UploadErrorCode.UnexpectedPart));

    parser.on('file', (field, stream, info) => {
      if (field !== 'file' || content) {
        stream.resume();
        return unexpected();
      }
      content = stream;
      handle({ name: info.filename ?? '', declaredType: info.mimeType, content: stream, rest }).then(
        resolve,
        (error: Error) => {
          // A request that failed first (busboy also fails the file stream with its own error) says why.
          const reason = failure ?? error;
          fail(reason);
          reject(reason);
        },
      );
    });
    parser.on('fieldsLimit', unexpected);
    parser.on('error', () => fail(new UploadError(UploadErrorCode.Incomplete)));
    parser.on('close', () => (content ? settleRest() : fail(new UploadError(UploadErrorCode.FileMissing))));
    request.on('close', () => {
      if (!request.complete) {
        fail(new UploadError(UploadErrorCode.Incomplete));
      }
    });
    request.pipe(parser);
  });
}
