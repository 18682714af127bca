/**
 * P8's subject: Switchboard on SQLite with the demo network, its Twilio-compatible edge on, and the
 * network's provider account set through its command (the token sealed). Prints its port.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { authTokenPurpose, setTwilioAccount } from '../../src/app/commands/twilio-account.js';
import { seedDemo } from '../../src/app/demo/demo-seeder.js';
import { loadConfig } from '../../src/config.js';
import { startServer } from '../../src/main.js';

const [accountSid, token, publicUrl] = process.argv.slice(2) as [string, string, string];
const dataDir = mkdtempSync(join(tmpdir(), 'sb-bench-twilio-'));
const config = loadConfig({
  PORT: '0',
  SWITCHBOARD_DATA_DIR: dataDir,
  LOG_LEVEL: 'silent',
  SWITCHBOARD_SECRET_KEY: randomBytes(32).toString('hex'),
  SWITCHBOARD_PUBLIC_URL: publicUrl,
  SWITCHBOARD_TWILIO_TARGETS: JSON.stringify({
    queue: 'queue:{id}',
    employee: 'client:{id}',
    voiceAgent: 'sip:{id}@va.example',
    number: '{number}',
  }),
  // No recording is asked in this benchmark (no call is answered): nothing reaches it.
  SWITCHBOARD_TWILIO_API_URL: 'http://127.0.0.1:9',
});
const server = await startServer(config, async (app) => {
  await seedDemo(app, dataDir);
  const authTokenSealed = app.secrets!.seal(token, authTokenPurpose(accountSid));
  await app.commands.run(setTwilioAccount, 'summit', { kind: 'system', name: 'bench' }, { accountSid, authTokenSealed });
});
console.log(`PORT ${new URL(server.url).port}`);
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void server.close().then(() => process.exit(0)));
