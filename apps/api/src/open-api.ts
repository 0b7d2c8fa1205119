import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';

/**
 * OpenAPI generated from the controllers and DTOs. Every route needs a bearer token unless it is @Public();
 * problem+json answers are documented with @ApiProblemResponses (common/api-problems.ts).
 */
export function openApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('ROCU Gateway API')
    .setDescription('Referral, triage, assessment and tasking for the Regional Organised Crime Units (v1)')
    .setVersion('1.0')
    .addServer('/', 'The deployment serving this document')
    .addBearerAuth()
    .addSecurityRequirements('bearer')
    .build();
  // package.json's licence; the link defines the term (no rights granted) until the owners publish terms.
  config.info.license = {
    name: 'UNLICENSED',
    url: 'https://docs.npmjs.com/cli/v10/configuring-npm/package-json#license',
  };
  return SwaggerModule.createDocument(app, config);
}

/** The UI at /docs, the JSON at /docs-json. */
export function setUpOpenApi(app: INestApplication): void {
  SwaggerModule.setup('docs', app, openApiDocument(app), { jsonDocumentUrl: 'docs-json' });
}
