/**
 * A filter on `_id` for a list of ids: `{ _id: id }` for one, `$in` for several. The same query on MongoDB;
 * FerretDB v1 (the test and local database) answers only the first without scanning the collection.
 */
export function byIds<T>(ids: readonly T[]): { _id: T | { $in: T[] } } {
  return ids.length === 1 ? { _id: ids[0] } : { _id: { $in: [...ids] } };
}
