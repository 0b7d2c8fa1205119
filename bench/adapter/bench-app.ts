import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import {
  Body,
  CallHandler,
  CanActivate,
  Controller,
  ExecutionContext,
  Get,
  Injectable,
  INestApplication,
  Module,
  NestInterceptor,
  Post,
  Query,
  UnauthorizedException,
  ValidationPipe,
} from '@nestjs/common';
import { APP_GUARD, APP_INTERCEPTOR, NestFactory } from '@nestjs/core';
import { ExpressAdapter, NestExpressApplication } from '@nestjs/platform-express';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, Length, ValidateNested } from 'class-validator';
import helmet from 'helmet';
import { generateKeyPair, jwtVerify, SignJWT } from 'jose';
import type { CryptoKey } from 'jose';
import pino from 'pino';
import { Observable, tap } from 'rxjs';

/**
 * A Nest app shaped like the API's request path, without its database: a global guard verifying an RS256
 * bearer token with jose (as TokenService does), an interceptor logging one pino line per request, the
 * validation pipe's options, helmet's headers plus no-store, a 100 kB JSON body limit. The same module runs
 * on either adapter; only the HTTP framework differs.
 */

export const ADAPTERS = ['express', 'fastify'] as const;
export type AdapterName = (typeof ADAPTERS)[number];

const ISSUER = 'bench-issuer';
const AUDIENCE = 'bench-api';
const BODY_LIMIT_BYTES = 100 * 1024; // the API's BODY_LIMIT default, 100kb
const STATUSES = ['SUBMITTED', 'TRIAGE', 'ASSESSMENT', 'LISTED', 'ADOPTED', 'CLOSED'] as const;
const URGENCIES = ['IMMEDIATE', 'URGENT', 'ROUTINE'] as const;
export const PAGE_SIZE = 25;

type BenchRequest = { headers: IncomingHttpHeaders; method: string; url: string; user?: BenchUser };
interface BenchUser {
  sub: string;
  org: string;
  roles: string[];
}

const COMPACT_JWS_BEARER = /^Bearer ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)$/;

class KeyHolder {
  constructor(readonly publicKey: CryptoKey) {}
}

@Injectable()
class BearerGuard implements CanActivate {
  constructor(private readonly keys: KeyHolder) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<BenchRequest>();
    const header = request.headers.authorization;
    const match = typeof header === 'string' ? COMPACT_JWS_BEARER.exec(header) : null;
    if (!match) throw new UnauthorizedException('A bearer token is required');
    const { payload } = await jwtVerify(match[1], this.keys.publicKey, {
      algorithms: ['RS256'],
      issuer: ISSUER,
      audience: AUDIENCE,
      requiredClaims: ['sub', 'exp'],
    });
    const { sub, org, roles } = payload as { sub: string; org: unknown; roles: unknown };
    if (typeof org !== 'string' || !Array.isArray(roles)) throw new UnauthorizedException('bad claims');
    request.user = { sub, org, roles: roles.map(String) };
    return true;
  }
}

const requestLog = pino({ level: 'info' }, pino.destination({ dest: '/dev/null', sync: false }));

@Injectable()
class RequestLogInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<BenchRequest>();
    const started = performance.now();
    const correlationId = request.headers['x-correlation-id'] ?? crypto.randomUUID();
    return next.handle().pipe(
      tap(() =>
        requestLog.info(
          {
            correlationId,
            method: request.method,
            url: request.url,
            user: request.user?.sub,
            ms: performance.now() - started,
          },
          'request completed',
        ),
      ),
    );
  }
}

class ListQuery {
  @IsOptional() @IsIn(STATUSES) status?: string;
}

class NominalDto {
  @IsString() @Length(1, 200) name!: string;
  @IsString() @Length(1, 40) role!: string;
}

class SubmitDto {
  @IsString() @Length(1, 200) subjectName!: string;
  @IsIn(URGENCIES) urgency!: string;
  @IsString() @Length(1, 40) classification!: string;
  @IsString() @Length(1, 4000) summary!: string;
  @IsArray() @ArrayMaxSize(20) @ValidateNested({ each: true }) @Type(() => NominalDto) nominals!: NominalDto[];
}

export const SAMPLE_SUBMISSION: SubmitDto = {
  subjectName: 'Kestrel Logistics Ltd',
  urgency: 'URGENT',
  classification: 'OFFICIAL-SENSITIVE',
  summary: 'Suspected use of haulage routes to move controlled drugs between regions. '.repeat(6),
  nominals: [
    { name: 'A. Person', role: 'DIRECTOR' },
    { name: 'B. Person', role: 'DRIVER' },
  ],
};

const referralRow = (region: string, index: number) => ({
  id: `0b7e6c1e-8f1a-4c4e-9d2b-${String(index).padStart(12, '0')}`,
  reference: `${region}-2026-${String(1000 + index).padStart(6, '0')}`,
  status: STATUSES[index % STATUSES.length],
  urgency: URGENCIES[index % URGENCIES.length],
  region,
  ownerOrg: 'ERSOU',
  classification: 'OFFICIAL-SENSITIVE',
  subjectType: 'ORGANISATION',
  subjectName: `Subject ${index} Trading Ltd`,
  priority: index % 4 === 0 ? 'P2' : null,
  riskScore: index % 3 === 0 ? null : (index * 7) % 100,
  submittedAt: new Date(Date.UTC(2026, 10, 1 + (index % 28))).toISOString(),
  updatedAt: new Date(Date.UTC(2026, 11, 1, index % 24)).toISOString(),
  nextDeadlineAt: index % 2 === 0 ? new Date(Date.UTC(2026, 11, 3 + (index % 10))).toISOString() : null,
  deconflicted: index % 5 === 0,
});

@Controller('referrals')
class ReferralsController {
  @Get()
  list(@Query() query: ListQuery) {
    const rows = Array.from({ length: PAGE_SIZE }, (_, index) => referralRow('ERSOU', index));
    const items = query.status ? rows.filter((row) => row.status === query.status) : rows;
    return { items, total: 16_446, page: 1, pageSize: PAGE_SIZE };
  }

  @Post()
  submit(@Body() body: SubmitDto) {
    return { id: crypto.randomUUID(), reference: 'ERSOU-2026-000001', status: 'SUBMITTED', urgency: body.urgency };
  }
}

/** Helmet's headers plus no-store, as the API's middleware set them; on Fastify from an onRequest hook. */
const helmetHeaders = helmet();
function securityHeaders(request: IncomingMessage, response: ServerResponse, next: (error?: Error) => void): void {
  helmetHeaders(request, response, (error?: unknown) => {
    response.setHeader('Cache-Control', 'no-store');
    next(error instanceof Error ? error : undefined);
  });
}

async function createOn(adapter: AdapterName, keys: KeyHolder): Promise<INestApplication> {
  @Module({
    controllers: [ReferralsController],
    providers: [
      { provide: KeyHolder, useValue: keys },
      { provide: APP_GUARD, useClass: BearerGuard },
      { provide: APP_INTERCEPTOR, useClass: RequestLogInterceptor },
    ],
  })
  class BenchModule {}

  if (adapter === 'express') {
    const app = await NestFactory.create<NestExpressApplication>(BenchModule, new ExpressAdapter(), {
      logger: false,
      bodyParser: false,
    });
    app.disable('x-powered-by');
    app.use(securityHeaders);
    app.useBodyParser('json', { limit: BODY_LIMIT_BYTES, strict: false });
    return app;
  }
  const app = await NestFactory.create<NestFastifyApplication>(
    BenchModule,
    new FastifyAdapter({ bodyLimit: BODY_LIMIT_BYTES }),
    { logger: false },
  );
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onRequest', (request, reply, done) => securityHeaders(request.raw, reply.raw, done));
  return app;
}

/** Starts the app on a free loopback port; returns its URL and a token its guard accepts. */
export async function startBenchApp(adapter: AdapterName): Promise<{ url: string; token: string }> {
  const { publicKey, privateKey } = await generateKeyPair('RS256');
  const app = await createOn(adapter, new KeyHolder(publicKey));
  app.setGlobalPrefix('api/v1');
  app.useGlobalPipes(
    new ValidationPipe({
      whitelist: true,
      forbidNonWhitelisted: true,
      forbidUnknownValues: true,
      transform: true,
      transformOptions: { enableImplicitConversion: false },
    }),
  );
  await app.listen(0, '127.0.0.1');
  const token = await new SignJWT({ roles: ['ROCU_ASSESSOR'], org: 'ERSOU' })
    .setProtectedHeader({ alg: 'RS256' })
    .setSubject('assessor-1')
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt()
    .setExpirationTime('2h')
    .sign(privateKey);
  return { url: (await app.getUrl()).replace('[::1]', '127.0.0.1'), token };
}
