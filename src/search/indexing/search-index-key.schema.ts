import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/**
 * A key id postings were ever written under (`_id`), recorded at boot before any write under it, so a
 * completed build can delete the postings of every other key, including keys no longer configured.
 * Separate documents rather than an array on the state document: FerretDB applies concurrent updates of one
 * document non-atomically, and instances booting together must not lose each other's key.
 */
@Schema({ collection: 'search_index_keys', versionKey: false })
export class SearchIndexKey {
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ type: Date, required: true })
  firstUsedAt!: Date;
}

export const SearchIndexKeySchema = SchemaFactory.createForClass(SearchIndexKey);
