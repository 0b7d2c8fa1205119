import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The services connect as the login user but act as `rocu_app` (see dataSourceOptions), which may read and
 * write operational tables but only SELECT and INSERT the audit log: a compromised service cannot rewrite
 * history even before the append-only trigger is reached. Where the migrating user may not create roles,
 * the role must be created by an administrator (README, Deployment).
 */
export class ApplicationRole1763900000000 implements MigrationInterface {
  name = 'ApplicationRole1763900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      DO $$
      BEGIN
        IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'rocu_app') THEN
          CREATE ROLE rocu_app NOLOGIN;
        END IF;
        IF NOT pg_has_role(current_user, 'rocu_app', 'MEMBER') THEN
          EXECUTE format('GRANT rocu_app TO %I', current_user);
        END IF;
      EXCEPTION WHEN insufficient_privilege THEN
        RAISE NOTICE 'role rocu_app could not be created or granted (%): an administrator must do it', SQLERRM;
      END $$;

      DO $$
      BEGIN
        IF EXISTS (SELECT FROM pg_roles WHERE rolname = 'rocu_app') THEN
          GRANT USAGE ON SCHEMA public TO rocu_app;
          GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO rocu_app;
          GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO rocu_app;
          REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM rocu_app;
          ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO rocu_app;
          ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO rocu_app;
        END IF;
      END $$;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DO $$
      BEGIN
        IF EXISTS (SELECT FROM pg_roles WHERE rolname = 'rocu_app') THEN
          ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE ALL ON TABLES FROM rocu_app;
          ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE ALL ON SEQUENCES FROM rocu_app;
          REVOKE ALL ON ALL TABLES IN SCHEMA public FROM rocu_app;
          REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM rocu_app;
          REVOKE USAGE ON SCHEMA public FROM rocu_app;
        END IF;
      END $$;
    `);
  }
}
