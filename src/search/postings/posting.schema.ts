import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/** A sealed chunk's place in its head: chunk `<token>~<n>` holds entries from `min` to `max`. */
export interface SealedChunkRef {
  n: number;
  min: string;
  max: string;
}

/**
 * One document of the blind index, read by `_id` only (the one filter FerretDB pushes down). A head has `_id`
 * the blind token, its newest entries in `e` (unsorted) and its sealed chunks in `s`; a sealed chunk has
 * `_id` `<blind token>~<n>` and its entries sorted in `e`. Entries are `<createdAt base 36>.<messageId>`.
 */
@Schema({ collection: 'search_postings', versionKey: false })
export class SearchPosting {
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ type: [String], default: [] })
  e!: string[];

  /** Heads only. */
  @Prop({ type: [{ _id: false, n: Number, min: String, max: String }], default: undefined })
  s?: SealedChunkRef[];
}

export const SearchPostingSchema = SchemaFactory.createForClass(SearchPosting);
