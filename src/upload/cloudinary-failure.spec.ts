import { cloudinaryFailure } from './cloudinary-failure';

describe('cloudinaryFailure', () => {
  it('turns a 400 about the file into 422 UPLOAD_REJECTED with Cloudinary’s reason', () => {
    const error = cloudinaryFailure({ message: 'Invalid image file', http_code: 400 });
    expect(error).toMatchObject({
      code: 'UPLOAD_REJECTED',
      message: expect.stringContaining('Invalid image file'),
    });
  });

  it.each([
    ['bad credentials', { message: 'Invalid Signature', http_code: 401 }],
    ['Cloudinary rate limit', { message: 'Rate Limit Exceeded', http_code: 420 }],
    ['a 500 error body', { message: 'General Error', http_code: 500 }],
    ['an unexpected status', { message: 'Server returned unexpected status code - 503', http_code: 503 }],
    ['the SDK timeout', { message: 'Request Timeout', http_code: 499, name: 'TimeoutError' }],
    ['a refused connection', Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' })],
    ['nothing at all', undefined],
  ])('treats %s as the media host being unavailable (503)', (_case, error) => {
    expect(cloudinaryFailure(error)).toMatchObject({
      code: 'UPLOAD_UNAVAILABLE',
      kind: 'unavailable',
    });
  });
});
