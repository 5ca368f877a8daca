import { BadRequestException } from '@nestjs/common';
import { fromBodyParserError } from './body-parser-errors';
import { CommonError, CommonErrorCode } from './common-errors';

/** An error as body-parser raises it (http-errors: a status, `expose` for 4xx, and often a type). */
const bodyParserError = (status: number, type?: string) =>
  Object.assign(new Error('from body-parser'), { status, statusCode: status, expose: status < 500, type });

describe('fromBodyParserError', () => {
  it.each([
    [400, 'entity.parse.failed', 'MALFORMED_JSON'],
    [413, 'entity.too.large', 'PAYLOAD_TOO_LARGE'],
    [413, 'parameters.too.many', 'PAYLOAD_TOO_LARGE'],
    [415, 'charset.unsupported', 'UNSUPPORTED_CHARSET'],
    [415, 'encoding.unsupported', 'UNSUPPORTED_CONTENT_ENCODING'],
    [400, 'request.aborted', 'MALFORMED_BODY'],
    [400, 'request.size.invalid', 'MALFORMED_BODY'],
    [400, undefined, 'MALFORMED_BODY'],
  ])('codes a %i (type %s) as %s', (status, type, code) => {
    expect(fromBodyParserError(bodyParserError(status, type))).toMatchObject({ code });
  });

  it('leaves alone what the body parsers did not raise, and their own faults (5xx)', () => {
    for (const other of [
      bodyParserError(500, 'stream.not.readable'),
      new TypeError('a bug'),
      new BadRequestException(),
      new CommonError(CommonErrorCode.NotFound),
      'a string',
      null,
    ]) {
      expect(fromBodyParserError(other)).toBeUndefined();
    }
  });
});
