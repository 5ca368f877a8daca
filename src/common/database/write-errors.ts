import type { AnyBulkWriteOperation, BulkWriteOptions } from 'mongodb';
import { asError, Outcomes } from '../concurrency/group-commit-writer';

const DUPLICATE_KEY = 11000;

/** A write refused by a unique index (MongoDB's and FerretDB's code 11000). */
export function isDuplicateKeyError(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === DUPLICATE_KEY;
}

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
 * Update statements per command. FerretDB v1 (the local and test database) keeps each matched statement's
 * query connection open until its whole command ends and takes another to write, from a pool of 100 per
 * database; a command of 100 matching statements, or several long ones at once, waits forever for a
 * connection and wedges the database. With this cap and at most two flushes in flight per group-commit
 * writer, Parley's three update writers (last messages, large groups' senders' read pointers, delivered
 * pointers) hold at most 3 x 2 x 8 = 48 connections per instance, so even two instances stay below 100.
 * MongoDB loses little: a burst still costs a round trip per 8 statements.
 */
export const MAX_STATEMENTS_PER_COMMAND = 8;

/**
 * Writes the operations of many callers in unordered bulk writes of up to MAX_STATEMENTS_PER_COMMAND
 * statements, one after another, and tells each caller how its own operations fared: the error of the
 * first that failed, or undefined. An error that names no operation (a lost connection) fails the callers
 * of that command and of those not sent yet.
 */
export async function bulkWriteEach(
  collection: BulkWritable,
  operationsPerCaller: ReadonlyArray<AnyBulkWriteOperation[]>,
): Promise<Outcomes> {
  const outcomes: Array<Error | undefined> = operationsPerCaller.map(() => undefined);
  const operations = operationsPerCaller.flatMap((callerOperations, caller) =>
    callerOperations.map((operation) => ({ operation, caller })),
  );
  for (let start = 0; start < operations.length; start += MAX_STATEMENTS_PER_COMMAND) {
    const command = operations.slice(start, start + MAX_STATEMENTS_PER_COMMAND);
    try {
      await collection.bulkWrite(
        command.map(({ operation }) => operation),
        { ordered: false },
      );
    } catch (error) {
      const failed = writeErrorsOf(error);
      const fail = ({ caller }: { caller: number }) => (outcomes[caller] ??= asError(error));
      if (failed.length === 0) {
        operations.slice(start).forEach(fail);
        break;
      }
      failed.forEach(({ index }) => fail(command[index]));
    }
  }
  return outcomes;
}
