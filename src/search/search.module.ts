import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { SearchKeyring } from './blind-index/search-keyring';
import { SearchIndexLock } from './postings/conversation-lock';
import { SearchPosting, SearchPostingSchema } from './postings/posting.schema';
import { PostingsRepository } from './postings/postings.repository';

/** Message search through a blind index (docs/search.md). */
@Module({
  imports: [MongooseModule.forFeature([{ name: SearchPosting.name, schema: SearchPostingSchema }])],
  providers: [SearchKeyring, PostingsRepository, SearchIndexLock],
  exports: [SearchKeyring, PostingsRepository, SearchIndexLock],
})
export class SearchModule {}
