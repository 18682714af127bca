/** P2's subject: Switchboard on SQLite with the demo network and an API token. Prints its port and token. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hashSecret, newSecret } from '../../src/app/auth/secrets.js';
import { startServer } from '../../src/main.js';
import { loadConfig } from '../../src/config.js';
import { seedDemo } from '../../src/app/demo/demo-seeder.js';
import { insertToken } from '../../src/store/users.repository.js';

const dataDir = mkdtempSync(join(tmpdir(), 'sb-bench-http-'));
const token = newSecret('sb_');
const server = await startServer(loadConfig({ PORT: '0', SWITCHBOARD_DATA_DIR: dataDir, LOG_LEVEL: 'silent' }), async (app) => {
  await seedDemo(app, dataDir);
  const admin = await app.store.db.selectFrom('users').select('id').where('email', '=', 'admin@summit.example').executeTakeFirstOrThrow();
  await insertToken(app.store.db, { userId: admin.id, name: 'bench', tokenHash: hashSecret(token) });
});
console.log(`PORT ${new URL(server.url).port} TOKEN ${token}`);
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void server.close().then(() => process.exit(0)));
