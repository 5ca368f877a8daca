import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { AppModule } from './app.module';
import { closeOnSignals, configureApp } from './app.setup';
import { ConfigError, loadConfig } from './config/load-config';

async function bootstrap(): Promise<void> {
  // Checked before Nest starts, so a bad environment prints its list of problems and nothing else.
  loadConfig(process.env);
  const app = await NestFactory.create<NestExpressApplication>(AppModule, {
    bufferLogs: true,
    bodyParser: false,
    abortOnError: false,
  });
  const config = configureApp(app);
  closeOnSignals(app, config.shutdownTimeoutMs);
  await app.listen(config.http.port, config.http.host);
}

bootstrap().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof ConfigError ? error.message : String((error as Error)?.stack ?? error)}\n`,
  );
  process.exit(1);
});
