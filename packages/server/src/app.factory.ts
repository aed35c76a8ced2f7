import { ConsoleLogger, ValidationPipe, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import cookieParser from 'cookie-parser';
import helmet from 'helmet';
import { existsSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { join } from 'node:path';
import type { Request, Response, NextFunction } from 'express';
import { AppModule } from './app.module';
import { AppError } from './common/app-error';
import { HttpExceptionFilter } from './common/http-exception.filter';
import { refuseDeepJson } from './common/json-depth';
import { toFieldErrors, VALIDATOR_OPTIONS } from './common/validation';
import { isOriginAllowed } from './config/access-config';
import type { AppConfig } from './config/config';
import { METRICS_PATH } from './metrics/metrics.controller';
import { MetricsService } from './metrics/metrics.service';
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
  app.use(app.get(MetricsService).httpMiddleware());
  useSecurityHeaders(app, config);
  useAllowedOrigins(app, config);
  // Nest's types leave out `verify` (it uses it for rawBody, which is off); body-parser takes it.
  const jsonOptions = { limit: '100kb', verify: refuseDeepJson };
  app.useBodyParser('json', jsonOptions);
  app.use(cookieParser());
  // Prometheus scrapes /metrics at the root (metrics/metrics.guard.ts says who may).
  app.setGlobalPrefix('api', { exclude: [METRICS_PATH] });
  app.useGlobalPipes(
    new ValidationPipe({
      ...VALIDATOR_OPTIONS,
      transform: true,
      exceptionFactory: (errors) => AppError.validation(toFieldErrors(errors)),
    }),
  );
  app.useGlobalFilters(new HttpExceptionFilter());
  app.enableShutdownHooks();

  await useRealtime(app, app.get(RedisService), config);

  if (config.apiDocs) serveApiDocs(app);
  serveWebClient(app, config);
  return app;
}

/** Only hosts names and ports: a Host header that is anything else is not echoed into the CSP. */
const HOST_HEADER = /^[a-z0-9.-]+(:\d{1,5})?$|^\[[0-9a-f:.]+\](:\d{1,5})?$/i;

/** ws:// and wss:// for each origin (the realtime connection; 'self' alone is not clear on it). */
function socketSources(origins: string[]): string[] {
  return origins.map((origin) => origin.replace(/^http/, 'ws'));
}

/**
 * Security headers on every response (helmet): a CSP allowing only our own origin, no framing,
 * nosniff, no referrer, HSTS in production; and a Permissions-Policy (which helmet does not set)
 * granting camera, microphone and screen sharing to our own origin only.
 */
function useSecurityHeaders(app: NestExpressApplication, config: AppConfig): void {
  const production = config.env === 'production';
  const allHttps = config.publicOrigins.every((origin) => origin.startsWith('https:'));
  const ownSocket = (req: IncomingMessage): string => {
    const host = req.headers.host;
    if (!config.allowOwnHost || !host || !HOST_HEADER.test(host)) return '';
    return `ws://${host} wss://${host}`;
  };
  const directives = {
    defaultSrc: ["'self'"],
    baseUri: ["'self'"],
    // WebAssembly compiled from our own files (the background effect's segmentation model).
    scriptSrc: ["'self'", "'wasm-unsafe-eval'"],
    scriptSrcAttr: ["'none'"],
    styleSrc: ["'self'"],
    imgSrc: ["'self'", 'data:', 'blob:'],
    mediaSrc: ["'self'", 'blob:', 'mediastream:'],
    fontSrc: ["'self'"],
    connectSrc: ["'self'", ...socketSources(config.publicOrigins), ownSocket],
    workerSrc: ["'self'"],
    manifestSrc: ["'self'"],
    objectSrc: ["'none'"],
    frameSrc: ["'none'"],
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
    upgradeInsecureRequests: production && allHttps ? [] : null,
  };
  const common = {
    frameguard: { action: 'deny' as const },
    referrerPolicy: { policy: 'no-referrer' as const },
    strictTransportSecurity: production ? { maxAge: 31_536_000, includeSubDomains: true } : false,
  };
  const pages = helmet({
    ...common,
    contentSecurityPolicy: { useDefaults: false, directives },
  });
  // The Swagger UI page brings its own inline styles.
  const docs = helmet({
    ...common,
    contentSecurityPolicy: {
      useDefaults: false,
      directives: { ...directives, styleSrc: ["'self'", "'unsafe-inline'"] },
    },
  });
  app.use((req: Request, res: Response, next: NextFunction) => {
    res.setHeader(
      'Permissions-Policy',
      'camera=(self), microphone=(self), display-capture=(self), geolocation=(), payment=(), usb=(), interest-cohort=()',
    );
    (req.path.startsWith('/api/docs') ? docs : pages)(req, res, next);
  });
}

/**
 * REST CORS for the configured origins only (PUBLIC_URL); an API request a browser sends from any
 * other origin is refused with 403 before it reaches a route.
 */
function useAllowedOrigins(app: NestExpressApplication, config: AppConfig): void {
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (
      !req.path.startsWith('/api') ||
      isOriginAllowed(config, req.headers.origin, req.headers.host)
    )
      return next();
    res.status(403).json({
      statusCode: 403,
      error: { code: 'FORBIDDEN', message: 'This origin may not use the API' },
    });
  });
  app.enableCors((req: Request, callback) => {
    const allowed = isOriginAllowed(config, req.headers.origin, req.headers.host);
    callback(null, { origin: allowed && req.headers.origin !== undefined, credentials: true });
  });
}

function serveApiDocs(app: NestExpressApplication): void {
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
}

/** Serves the built web client; unknown /api paths still get the JSON 404. */
function serveWebClient(app: NestExpressApplication, config: AppConfig): void {
  const dir = config.webDistDir;
  if (!dir || !existsSync(join(dir, 'index.html'))) return;
  app.useStaticAssets(dir, { index: false, maxAge: '1h', immutable: false });
  const index = join(dir, 'index.html');
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (
      req.method !== 'GET' ||
      req.path.startsWith('/api') ||
      req.path.startsWith(REALTIME_PATH) ||
      req.path === `/${METRICS_PATH}`
    )
      return next();
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
}
