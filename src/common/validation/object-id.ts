import { z } from 'zod';

/** A MongoDB ObjectId as clients send it: 24 hex characters. Shared by every route param and payload id. */
export const objectIdSchema = z.string().regex(/^[a-f\d]{24}$/i, 'must be a 24-character hex id');

export const idParamSchema = z.object({ id: objectIdSchema }).strict();
