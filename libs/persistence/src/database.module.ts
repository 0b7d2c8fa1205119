import type { DynamicModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '@rocu/config';
import { dataSourceOptions } from './data-source-options';

/** The API's and the worker's database connection, from the validated configuration. */
export function appDatabaseModule(): DynamicModule {
  return TypeOrmModule.forRootAsync({
    inject: [AppConfig],
    useFactory: (config: AppConfig) =>
      dataSourceOptions({
        url: config.DATABASE_URL,
        poolMax: config.DB_POOL_MAX,
        connectionTimeoutMs: config.DB_CONNECTION_TIMEOUT_MS,
        statementTimeoutMs: config.DB_STATEMENT_TIMEOUT_MS,
        role: config.DB_APP_ROLE,
      }),
  });
}
