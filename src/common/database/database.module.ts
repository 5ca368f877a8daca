import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { APP_CONFIG, AppConfig } from '../../config/app-config';

@Module({
  imports: [
    MongooseModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        uri: config.mongo.uri,
        serverSelectionTimeoutMS: 5000,
        // Indexes carry invariants (one DM per pair, one message per clientMessageId), so build them at boot.
        autoIndex: true,
      }),
    }),
  ],
})
export class DatabaseModule {}
