import { ConsoleLogger, ValidationPipe, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import cookieParser from 'cookie-parser';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Request, Response, NextFunction } from 'express';
import { AppModule } from './app.module';
import { AppError } from './common/app-error';
import { HttpExceptionFilter } from './common/http-exception.filter';
import { refuseDeepJson } from './common/json-depth';
import { toFieldErrors, VALIDATOR_OPTIONS } from './common/validation';
import type { AppConfig } from './config/config';
import { REALTIME_PATH, useRealtime } from './realtime/realtime.adapter';
import { RedisService } from './redis/redis.module';

export function createLogger(config: AppConfig): ConsoleLogger {
  const levels = ['error', 'warn', 'log', 'debug', 'verbose'] as const;
  return new ConsoleLogger('MiniMeet', {
    json: config.logJson,
    colors: !config.logJson && process.stdout.isTTY,
    logLevels: levels.slice(0, levels.indexOf(config.logLevel) + 1),
  });
}

/** Builds the whole app (HTTP + Socket.IO) from a validated config; main.ts and tests both use it. */
export async function createApp(config: AppConfig): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), {
    logger: createLogger(config),
    bodyParser: true,
  });
  // X-Forwarded-For decides req.ip (login limits) only when it comes from a configured proxy.
  app.set('trust proxy', config.trustProxy.length > 0 ? config.trustProxy : false);
  app.disable('x-powered-by');
  // Nest's types leave out `verify` (it uses it for rawBody, which is off); body-parser takes it.
  const jsonOptions = { limit: '100kb', verify: refuseDeepJson };
  app.useBodyParser('json', jsonOptions);
  app.use(cookieParser());
  app.setGlobalPrefix('api');
  app.useGlobalPipes(
    new ValidationPipe({
      ...VALIDATOR_OPTIONS,
      transform: true,
      exceptionFactory: (errors) => AppError.validation(toFieldErrors(errors)),
    }),
  );
  app.useGlobalFilters(new HttpExceptionFilter());
  app.enableShutdownHooks();

  useRealtime(app, app.get(RedisService));

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('MiniMeet API')
      .setDescription(
        'Accounts, rooms, persistent chat and search. Real-time events go over Socket.IO (see the README).',
      )
      .setVersion('0.1.0')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs/json' });

  serveWebClient(app, config);
  return app;
}

/** Serves the built web client; unknown /api paths still get the JSON 404. */
function serveWebClient(app: NestExpressApplication, config: AppConfig): void {
  const dir = config.webDistDir;
  if (!dir || !existsSync(join(dir, 'index.html'))) return;
  app.useStaticAssets(dir, { index: false, maxAge: '1h', immutable: false });
  const index = join(dir, 'index.html');
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'GET' || req.path.startsWith('/api') || req.path.startsWith(REALTIME_PATH))
      return next();
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
}
