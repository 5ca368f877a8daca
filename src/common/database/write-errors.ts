import type { AnyBulkWriteOperation, BulkWriteOptions } from 'mongodb';
import { asError, Outcomes } from '../concurrency/group-commit-writer';

/** The per-document errors of a failed insertMany or bulkWrite (the driver gives one or several). */
export function writeErrorsOf(error: unknown): Array<{ index: number; code?: unknown }> {
  const writeErrors = (error as { writeErrors?: unknown } | null)?.writeErrors;
  if (!writeErrors) {
    return [];
  }
  return (Array.isArray(writeErrors) ? writeErrors : [writeErrors]) as Array<{
    index: number;
    code?: unknown;
  }>;
}

interface BulkWritable {
  bulkWrite(operations: AnyBulkWriteOperation[], options: BulkWriteOptions): Promise<unknown>;
}

/**
 * Writes the operations of many callers in one unordered bulk write (one round trip) and tells each caller
 * how its own operations fared: the error of the first that failed, or undefined. An error that names no
 * operation (a lost connection) is thrown: it fails them all.
 */
export async function bulkWriteEach(
  collection: BulkWritable,
  operationsPerCaller: ReadonlyArray<AnyBulkWriteOperation[]>,
): Promise<Outcomes> {
  const outcomes: Array<Error | undefined> = operationsPerCaller.map(() => undefined);
  const caller = operationsPerCaller.flatMap((operations, index) => operations.map(() => index));
  if (caller.length === 0) {
    return outcomes;
  }
  try {
    await collection.bulkWrite(operationsPerCaller.flat(), { ordered: false });
  } catch (error) {
    const failed = writeErrorsOf(error);
    if (failed.length === 0) {
      throw error;
    }
    failed.forEach(({ index }) => (outcomes[caller[index]] ??= asError(error)));
  }
  return outcomes;
}
