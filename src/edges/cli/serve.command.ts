/** `switchboard serve [--demo]`: runs the server until interrupted; --demo seeds the demo network first. */
import type { Application } from '../../app/application.js';
import { loadConfig, type Config } from '../../config.js';
import { seedDemo, type DemoLogin } from '../../app/demo/demo-seeder.js';
import type { ParsedArgs } from './args.js';

/** What the composition root gives the command line to start a server with. */
export type StartServer = (
  config: Config,
  beforeListen?: (app: Application) => Promise<void>,
) => Promise<{ readonly url: string; readonly database: 'sqlite' | 'postgres'; close(): Promise<void> }>;

export async function serveCommand(args: ParsedArgs, startServer: StartServer): Promise<number> {
  const demo = args.flag('demo');
  const config = loadConfig();
  let logins: DemoLogin[] = [];
  const server = await startServer(config, async (app) => {
    if (!demo) return;
    const seeded = await seedDemo(app, config.databaseUrl === null ? config.dataDir : null);
    logins = seeded.logins;
  });
  const lines = [
    `Switchboard is running on ${server.database === 'sqlite' ? `SQLite (${config.dataDir})` : 'PostgreSQL'}.`,
    `  Open:     ${server.url}/`,
    `  API docs: ${server.url}/api/docs`,
  ];
  if (demo) {
    lines.push('  Demo network "Summit Home Services"; sign in as:');
    for (const login of logins) lines.push(`    ${login.role.padEnd(40)} ${login.email}  password: ${login.password}`);
    if (logins.length === 0) lines.push('    (the demo logins are in the data folder where the demo was first created)');
  }
  lines.push('Press Ctrl+C to stop.');
  process.stdout.write(`${lines.join('\n')}\n`);
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await server.close();
  return 0;
}
