import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { handledJobs } from './job-handler.decorator';
import { JobName } from './jobs';

/** Lists what is wrong with a set of handlers: jobs nobody handles, jobs handled twice, unknown names. */
export function jobHandlerProblems(
  handlers: ReadonlyArray<{ job: string; owner: string }>,
  jobs: readonly string[],
): string[] {
  const owners = new Map<string, string[]>();
  for (const { job, owner } of handlers) {
    owners.set(job, [...(owners.get(job) ?? []), owner]);
  }
  const known = new Set(jobs);
  return [
    ...jobs.filter((job) => !owners.has(job)).map((job) => `job "${job}" has no handler`),
    ...[...owners]
      .filter(([, list]) => list.length > 1)
      .map(([job, list]) => `job "${job}" has ${list.length} handlers: ${list.join(', ')}`),
    ...[...owners.keys()].filter((job) => !known.has(job)).map((job) => `handler for unknown job "${job}"`),
  ];
}

/** Refuses to boot unless every job has exactly one handler, so a job can never sit unprocessed. */
@Injectable()
export class JobHandlerRegistry implements OnApplicationBootstrap {
  constructor(private readonly discovery: DiscoveryService) {}

  onApplicationBootstrap(): void {
    const handlers = this.discovery
      .getProviders()
      .filter(
        (wrapper) =>
          wrapper.isDependencyTreeStatic() && wrapper.instance && typeof wrapper.instance === 'object',
      )
      .flatMap((wrapper) =>
        [...handledJobs(wrapper.instance as object).entries()].map(([job, method]) => ({
          job,
          owner: `${wrapper.name}.${method}`,
        })),
      );
    const problems = jobHandlerProblems(handlers, Object.values<string>(JobName));
    if (problems.length > 0) {
      throw new Error(`Job handlers are misconfigured:\n  - ${problems.join('\n  - ')}`);
    }
  }
}
