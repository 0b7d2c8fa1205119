import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { NestFactory } from '@nestjs/core';
import { AppModule } from '../apps/api/src/app.module';
import { API_PREFIX } from '../apps/api/src/api-prefix';
import { openApiDocument } from '../apps/api/src/open-api';

/**
 * Writes the OpenAPI document the API serves at /docs-json to the path given, offline: Nest's preview mode
 * resolves the modules and controllers without instantiating providers, so no configuration, database or
 * Temporal server is needed. `npm run lint:openapi` lints the result.
 */
async function main(path: string): Promise<void> {
  const app = await NestFactory.create(AppModule, { preview: true, logger: false });
  app.setGlobalPrefix(API_PREFIX);
  writeFileSync(path, `${JSON.stringify(openApiDocument(app), null, 2)}\n`);
  await app.close();
}

main(process.argv[2] ?? 'openapi.json').catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
