import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { ConversationsModule } from '../conversations/conversations.module';
import { MessagesModule } from '../messages/messages.module';
import { UsersModule } from '../users/users.module';
import { SearchKeyring } from './blind-index/search-keyring';
import { PostingsWriter } from './indexing/postings-writer';
import { SearchIndexKey, SearchIndexKeySchema } from './indexing/search-index-key.schema';
import { SearchIndexListener } from './indexing/search-index.listener';
import { SearchIndexProcessor } from './indexing/search-index.processor';
import { SearchIndexState, SearchIndexStateSchema } from './indexing/search-index-state.schema';
import { SearchIndexStateRepository } from './indexing/search-index-state.repository';
import { SearchIndexer } from './indexing/search-indexer';
import { SearchReindexService } from './indexing/search-reindex.service';
import { SearchReindexer } from './indexing/search-reindexer';
import { SearchIndexLock } from './postings/conversation-lock';
import { SearchPosting, SearchPostingSchema } from './postings/posting.schema';
import { PostingsRepository } from './postings/postings.repository';
import { PostingSources } from './query/posting-sources';
import { SearchController } from './search.controller';
import { SearchService } from './search.service';

/** Message search through a blind index (docs/search.md). */
@Module({
  imports: [
    ConversationsModule,
    MessagesModule,
    UsersModule,
    MongooseModule.forFeature([
      { name: SearchPosting.name, schema: SearchPostingSchema },
      { name: SearchIndexState.name, schema: SearchIndexStateSchema },
      { name: SearchIndexKey.name, schema: SearchIndexKeySchema },
    ]),
  ],
  controllers: [SearchController],
  providers: [
    SearchKeyring,
    PostingsRepository,
    SearchIndexLock,
    PostingsWriter,
    SearchIndexer,
    SearchIndexListener,
    SearchIndexStateRepository,
    SearchReindexer,
    SearchReindexService,
    SearchIndexProcessor,
    PostingSources,
    SearchService,
  ],
  exports: [SearchKeyring, PostingsRepository, SearchIndexLock],
})
export class SearchModule {}
