import { Logger, Module } from '@nestjs/common';
import { ServeStaticModule } from '@nestjs/serve-static';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { staticServingOptions } from './static-serving';

/**
 * Serves the built reference web client (web/dist) at `/`, beside the API under /api/v1. ServeStaticModule
 * adds its static files and its index.html fallback in onModuleInit, after Nest has mapped every API route,
 * so those always win, and an unknown /api route still reaches Nest's 404 (see CLIENT_ROUTES).
 */
@Module({
  imports: [
    ServeStaticModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) =>
        staticServingOptions(config.web.distDir, (message) => new Logger('WebClient').warn(message)),
    }),
  ],
})
export class WebClientModule {}
