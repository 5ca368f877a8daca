import fc from 'fast-check';
import { png } from '../media-files';
import { RawBody } from './http-case';
import { fixtureId, hostileString } from './hostile';
import { World } from './world';

/**
 * Valid values for the route and event tables, aimed at the world's fixtures; the suite makes them hostile.
 */

export const CLIENT_ORIGIN = 'http://127.0.0.1:5173';
export const oneOf = (...values: string[]) => fc.constantFrom(...values);
export const conversation = (w: World) => fixtureId(w.group, w.direct, w.foreign);
export const message = (w: World) => fixtureId(w.myMessage.id, w.otherMessage.id, w.foreignMessage.id);
export const user = (w: World) => fixtureId(w.me.id, w.other.id, w.outsider.id);
export const email = (w: World) =>
  fc.oneof(
    fc.constantFrom(w.me.email, w.other.email.toUpperCase()),
    fc.nat().map((n) => `fuzz-${n}@example.test`),
  );
export const password = (w: World) =>
  fc.oneof(fc.constant(w.me.password), fc.constant('another long passphrase'));
export const emoji = oneOf('👍', '😀', ':+1:', 'x', '👩‍👩‍👧‍👦');
/** Opaque tokens: well-formed, naming nothing. */
export const token = fc.stringMatching(/^[\w-]{16,64}$/);
export const https = oneOf('https://img.example.test/a.png', 'https://img.example.test/b.jpg');
export const messageRef = (w: World) => ({ id: conversation(w), messageId: message(w) });

/**
 * A multipart upload: mostly one small PNG under `file`; sometimes another field name, file name or type,
 * bytes of no allowed type, or an extra field, all of which the upload checks must refuse.
 */
export const upload: fc.Arbitrary<RawBody> = fc
  .record({
    field: fc.oneof({ weight: 4, arbitrary: fc.constant('file') }, { weight: 1, arbitrary: hostileString }),
    filename: oneOf('a.png', 'notes.txt', '../../etc/passwd', 'a\u202egnp.exe', ''),
    type: oneOf('image/png', 'text/plain', 'application/x-msdownload'),
    content: fc.oneof(
      { weight: 3, arbitrary: fc.constant(png(2, 2)) },
      { weight: 1, arbitrary: fc.uint8Array({ maxLength: 64 }).map((bytes) => Buffer.from(bytes)) },
      { weight: 1, arbitrary: fc.constant(Buffer.from('plain text notes\n')) },
    ),
    extra: fc.option(fc.tuple(hostileString, hostileString), { freq: 4 }),
  })
  .map(({ field, filename, type, content, extra }) => {
    const boundary = 'fuzzboundary';
    const quoted = (text: string) => text.replace(/["\r\n]/g, '_');
    const part = (headers: string, data: Buffer | string) =>
      Buffer.concat([
        Buffer.from(`--${boundary}\r\n${headers}\r\n\r\n`),
        Buffer.from(data),
        Buffer.from('\r\n'),
      ]);
    const disposition = `Content-Disposition: form-data; name="${quoted(field)}"`;
    return {
      contentType: `multipart/form-data; boundary=${boundary}`,
      bytes: Buffer.concat([
        part(`${disposition}; filename="${quoted(filename)}"\r\nContent-Type: ${quoted(type)}`, content),
        ...(extra ? [part(`Content-Disposition: form-data; name="${quoted(extra[0])}"`, extra[1])] : []),
        Buffer.from(`--${boundary}--\r\n`),
      ]),
    };
  });

/** Text (sometimes a reply, or mentioning a member) or a message carrying uploads (mine, or someone's). */
export const sendMessageFields = (w: World): fc.Arbitrary<Record<string, unknown>> =>
  fc.oneof(
    fc.record(
      {
        clientMessageId: fc.uuid(),
        content: oneOf('hi', `hello @${w.other.id}`),
        replyTo: fixtureId(w.myMessage.id, w.foreignMessage.id),
      },
      { requiredKeys: ['content'] },
    ),
    fc.record(
      {
        clientMessageId: fc.uuid(),
        type: oneOf('image', 'file', 'voice'),
        content: oneOf('', 'caption'),
        attachments: fc.array(fc.record({ uploadId: fixtureId(w.myUpload, w.otherMessage.id) }), {
          minLength: 1,
          maxLength: 3,
        }),
      },
      { requiredKeys: ['attachments'] },
    ),
  );

/** A conversation-list cursor as the server encodes one, with keys in and out of range. */
export const listCursor = (w: World) =>
  fc
    .record({
      t: fc.oneof(fc.integer({ min: 0, max: Date.now() + 1e9 }), fc.double()),
      id: fc.oneof(conversation(w), hostileString),
    })
    .map((key) => Buffer.from(JSON.stringify(key)).toString('base64url'));
