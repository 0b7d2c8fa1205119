import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { Pool } from 'pg';
import { WebConfig } from '@rocu/config';

/** The web app's own Postgres pool: sessions and drafts only (everything else goes through the API). */
@Injectable()
export class WebDatabase implements OnModuleDestroy {
  readonly pool: Pool;
  private readonly logger = new Logger(WebDatabase.name);

  constructor(config: WebConfig) {
    this.pool = new Pool({
      connectionString: config.DATABASE_URL,
      max: 5,
      connectionTimeoutMillis: 5000,
      statement_timeout: 15_000,
      application_name: 'rocu-gateway-web',
      options: `-c role=${config.DB_APP_ROLE}`,
    });
    this.pool.on('error', (error) => this.logger.warn(`idle database connection failed: ${error.message}`));
  }

  async onModuleDestroy(): Promise<void> {
    await this.pool.end();
  }
}
