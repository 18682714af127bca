/**
 * Hardening item 13: the SIP benchmark never hangs and never leaves Kamailio, rtpengine or sipp
 * behind, however it ends. Runs the real benchmark and stops it as a person would (Ctrl+C, kill).
 */
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');

/** Processes of a benchmark run: its Kamailio and rtpengine (run folder sb-p3-…) and its sipp (bench ports). */
function leftovers(): string[] {
  const ps = spawnSync('ps', ['-eo', 'pid,args'], { encoding: 'utf8' }).stdout.split('\n');
  return ps.filter((line) => /sb-p3-/.test(line) || (/\bsipp\b/.test(line) && /\b250[79]0\b/.test(line)));
}

describe('the SIP benchmark', () => {
  it.each(['SIGINT', 'SIGTERM'] as const)(
    'hardening item 13: stopped with %s mid-step, it stops sipp, Kamailio and rtpengine and exits',
    async (signal) => {
      expect(leftovers()).toEqual([]);
      const bench = spawn(process.execPath, ['--import', 'tsx', 'bench/sip.bench.ts'], {
        cwd: root,
        env: { ...process.env, P3_RATES: '25' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      bench.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
      });
      bench.stderr.on('data', (chunk: Buffer) => {
        output += chunk.toString();
      });
      // Wait until the step's calls are flowing: Kamailio, rtpengine and both sipp are up.
      const started = Date.now();
      while (leftovers().filter((line) => /\bsipp\b/.test(line)).length < 2) {
        if (Date.now() - started > 60_000) throw new Error(`the benchmark did not start its calls: ${output}`);
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
      expect(leftovers().some((line) => /kamailio/.test(line))).toBe(true);
      bench.kill(signal);
      const code = await new Promise<number | null>((resolve) => bench.once('exit', resolve));
      expect(code).toBe(130);
      expect(output).toContain(`P3: stopped by ${signal}; stopping sipp, Kamailio and rtpengine`);
      expect(leftovers()).toEqual([]);
    },
    120_000,
  );
});
