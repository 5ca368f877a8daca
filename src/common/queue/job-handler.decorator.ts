import { SetMetadata } from '@nestjs/common';
import { JobName } from './jobs';

export const JOB_HANDLER_METADATA = 'parley:job-handler';

/** Marks a method of a `JobProcessor` as the handler of one job. */
export const JobHandler = (name: JobName): MethodDecorator => SetMetadata(JOB_HANDLER_METADATA, name);

/** The job names a processor instance handles, mapped to the method names that handle them. */
export function handledJobs(processor: object): Map<string, string> {
  const handlers = new Map<string, string>();
  let prototype: object | null = Object.getPrototypeOf(processor) as object | null;
  while (prototype && prototype !== Object.prototype) {
    for (const method of Object.getOwnPropertyNames(prototype)) {
      const descriptor = Object.getOwnPropertyDescriptor(prototype, method);
      const name: unknown =
        typeof descriptor?.value === 'function'
          ? Reflect.getMetadata(JOB_HANDLER_METADATA, descriptor.value as object)
          : undefined;
      if (typeof name === 'string' && !handlers.has(name)) {
        handlers.set(name, method);
      }
    }
    prototype = Object.getPrototypeOf(prototype) as object | null;
  }
  return handlers;
}
