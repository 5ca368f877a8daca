import { z } from 'zod';

/**
 * A MongoDB ObjectId as clients send it: 24 hex characters, in either case. Shared by every route param and
 * payload id. Lowercased here, as the server writes ids, so an id is one key everywhere it is compared or
 * cached (membership, seqs, Redis keys), whatever case the client used.
 */
export const objectIdSchema = z
  .string()
  .regex(/^[a-f\d]{24}$/i, 'must be a 24-character hex id')
  .transform((id) => id.toLowerCase());

export const idParamSchema = z.object({ id: objectIdSchema }).strict();
