/**
 * A PostgreSQL server of our own, in a folder of our own, on a port of our own: Debian's
 * PostgreSQL binaries (`initdb`, `pg_ctl`), never the machine's clusters. The cluster tests stop
 * and start it (the database going away is part of what they prove), and `npm run cluster:up`
 * runs the deployment on it. As root, the server runs as the `postgres` account (PostgreSQL
 * refuses to run as root).
 */
import { spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';

function binDir(): string {
  const base = '/usr/lib/postgresql';
  const versions = existsSync(base)
    ? readdirSync(base)
        .filter((v) => existsSync(join(base, v, 'bin', 'pg_ctl')))
        .sort((a, b) => Number(a) - Number(b))
    : [];
  if (versions.length === 0) {
    throw new Error("PostgreSQL's server binaries are not installed (apt-get install postgresql; npm test and cluster:up install them)");
  }
  return join(base, versions.at(-1)!, 'bin');
}

const asRoot = process.getuid?.() === 0;

function run(command: string, args: string[], what: string): string {
  const [file, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, args];
  const result = spawnSync(file, argv, { encoding: 'utf8', timeout: 120_000 });
  if (result.status !== 0) throw new Error(`${what} failed (${result.status}): ${result.stdout}${result.stderr}`);
  return result.stdout;
}

export class PostgresServer {
  private readonly bin = binDir();
  private readonly data: string;

  /** `dir` is created (and, as root, given to the postgres account); the server listens on 127.0.0.1:`port`. */
  constructor(
    readonly dir: string,
    readonly port: number,
  ) {
    this.data = join(dir, 'data');
  }

  /** Creates the server's files when they are not there yet, then starts it. */
  start(): void {
    if (!existsSync(join(this.data, 'PG_VERSION'))) this.create();
    run(join(this.bin, 'pg_ctl'), ['-D', this.data, '-l', join(this.dir, 'postgres.log'), '-w', '-t', '60', 'start'], 'pg_ctl start');
  }

  /** Stops it as an operator or a failing machine would: `fast` (connections cut, clean) or `immediate` (a crash). */
  stop(mode: 'fast' | 'immediate' = 'fast'): void {
    run(join(this.bin, 'pg_ctl'), ['-D', this.data, '-m', mode, '-w', '-t', '60', 'stop'], 'pg_ctl stop');
  }

  get running(): boolean {
    const [file, argv] = asRoot
      ? ['runuser', ['-u', 'postgres', '--', join(this.bin, 'pg_ctl'), '-D', this.data, 'status']]
      : [join(this.bin, 'pg_ctl'), ['-D', this.data, 'status']];
    return spawnSync(file, argv, { encoding: 'utf8' }).status === 0;
  }

  /** Creates the database unless it is there already; its URL. */
  async database(name: string): Promise<string> {
    if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`not a plain database name: ${name}`);
    const admin = new pg.Client({ connectionString: this.url() });
    await admin.connect();
    try {
      const exists = await admin.query('select 1 from pg_database where datname = $1', [name]);
      if (exists.rowCount === 0) await admin.query(`create database ${name}`);
    } finally {
      await admin.end();
    }
    return this.url(name);
  }

  /** A database's URL (trust authentication, loopback only). */
  url(database = 'postgres'): string {
    return `postgres://postgres@127.0.0.1:${this.port}/${database}`;
  }

  /** Stops it if running and deletes its files. */
  remove(): void {
    if (existsSync(join(this.data, 'postmaster.pid'))) {
      try {
        this.stop('immediate');
      } catch {
        // already gone
      }
    }
    rmSync(this.dir, { recursive: true, force: true });
  }

  private create(): void {
    mkdirSync(this.dir, { recursive: true });
    if (asRoot) {
      const postgres = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
      const group = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
      chownSync(this.dir, Number(postgres.stdout.trim()), Number(group.stdout.trim()));
    }
    run(join(this.bin, 'initdb'), ['-D', this.data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--no-instructions'], 'initdb');
    const conf = [
      `port = ${this.port}`,
      `listen_addresses = '127.0.0.1'`,
      `unix_socket_directories = '${this.dir}'`,
      'max_connections = 200',
      'shared_buffers = 128MB',
    ];
    const file = join(this.data, 'postgresql.auto.conf');
    // Written as the server's own account would (as root the folder is postgres's).
    writeFileSync(file, `${conf.join('\n')}\n`);
    if (asRoot) {
      const postgres = Number(spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).stdout.trim());
      const group = Number(spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).stdout.trim());
      chownSync(file, postgres, group);
    }
  }
}
