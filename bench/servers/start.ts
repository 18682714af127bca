/** Starts one of bench/servers/ in its own process; it prints `PORT <n>` (and maybe `TOKEN <t>`) once it serves. */
import { spawn } from 'node:child_process';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..', '..');

export function startBenchServer(
  script: string,
  args: readonly string[] = [],
): Promise<{ port: number; token: string | undefined; stop: () => void }> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'bench', 'servers', script), ...args], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const match = /PORT (\d+)(?: TOKEN (\S+))?/.exec(out);
      if (match !== null) resolve({ port: Number(match[1]), token: match[2], stop: () => child.kill('SIGTERM') });
    });
    child.on('exit', (code) => reject(new Error(`${script} exited with ${code}`)));
  });
}
