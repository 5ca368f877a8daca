import { jobHandlerProblems } from './job-handler.registry';

describe('jobHandlerProblems', () => {
  const jobs = ['send-email', 'expire-tokens'];

  it('accepts exactly one handler per job', () => {
    const handlers = [
      { job: 'send-email', owner: 'MailProcessor.send' },
      { job: 'expire-tokens', owner: 'TokensProcessor.expire' },
    ];
    expect(jobHandlerProblems(handlers, jobs)).toEqual([]);
  });

  it('reports a job nobody handles', () => {
    expect(jobHandlerProblems([{ job: 'send-email', owner: 'MailProcessor.send' }], jobs)).toEqual([
      'job "expire-tokens" has no handler',
    ]);
  });

  it('reports a job handled twice, naming both handlers', () => {
    const handlers = [
      { job: 'send-email', owner: 'MailProcessor.send' },
      { job: 'send-email', owner: 'OtherProcessor.send' },
      { job: 'expire-tokens', owner: 'TokensProcessor.expire' },
    ];
    expect(jobHandlerProblems(handlers, jobs)).toEqual([
      'job "send-email" has 2 handlers: MailProcessor.send, OtherProcessor.send',
    ]);
  });

  it('reports a handler for a job that does not exist', () => {
    const handlers = [
      { job: 'send-email', owner: 'MailProcessor.send' },
      { job: 'expire-tokens', owner: 'TokensProcessor.expire' },
      { job: 'typo-job', owner: 'MailProcessor.typo' },
    ];
    expect(jobHandlerProblems(handlers, jobs)).toEqual(['handler for unknown job "typo-job"']);
  });
});
