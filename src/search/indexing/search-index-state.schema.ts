import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/** The `_id` of the one state document of the messages' index. */
export const MESSAGES_INDEX = 'messages';

/** Where a build stands: the conversation it is in and the last seq of it indexed (0: none yet). */
export interface ReindexProgress {
  /** The key the build writes under; a build for another key starts over. */
  keyId: string;
  /** Null before the first conversation. */
  conversationId: string | null;
  seq: number;
  /** Counted since the build started, for the progress log: conversations reached, messages read. */
  conversations: number;
  messages: number;
  /** About how many conversations there are (read when the build starts or resumes). */
  estimatedConversations: number;
  startedAt: Date;
}

/**
 * The messages' index as the re-index job knows it: the build under way (if any) and the last completed one.
 * A completed build under the current write key means every message stored before it began is indexed.
 */
@Schema({ collection: 'search_index_state', versionKey: false })
export class SearchIndexState {
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ type: Object, default: null })
  progress!: ReindexProgress | null;

  @Prop({ type: Object, default: null })
  completed!: { keyId: string; completedAt: Date } | null;
}

export const SearchIndexStateSchema = SchemaFactory.createForClass(SearchIndexState);
