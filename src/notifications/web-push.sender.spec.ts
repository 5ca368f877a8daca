import { outcomeOfStatus } from './web-push.sender';

describe('outcomeOfStatus', () => {
  it('counts any 2xx as delivered', () => {
    expect([200, 201, 202].map(outcomeOfStatus)).toEqual(['delivered', 'delivered', 'delivered']);
  });

  it('treats 404 and 410 as a subscription gone for good', () => {
    expect([404, 410].map(outcomeOfStatus)).toEqual(['gone', 'gone']);
  });

  it('retries 429 and server errors', () => {
    expect([429, 500, 502, 503].map(outcomeOfStatus)).toEqual(['retry', 'retry', 'retry', 'retry']);
  });

  it('drops other refusals without retrying', () => {
    expect([400, 401, 403, 413].map(outcomeOfStatus)).toEqual([
      'rejected',
      'rejected',
      'rejected',
      'rejected',
    ]);
  });
});
