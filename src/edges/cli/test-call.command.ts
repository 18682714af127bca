/** `switchboard test-call [FILE|-] [--explain]`: runs a scenario (docs/test-call.md) and prints the decision. */
import { readFile } from 'node:fs/promises';
import { DEMO_NETWORK } from '../../app/demo/demo-network.js';
import { explainTestCall } from '../../domain/explain.js';
import { readScenario } from '../../domain/scenario.js';
import { runTestCall } from '../../domain/test-call.js';
import { UsageError } from './usage-error.js';

export async function testCallCommand(args: readonly string[], stdin: NodeJS.ReadableStream): Promise<string> {
  const explain = args.includes('--explain');
  const files = args.filter((a) => a !== '--explain');
  const unknown = files.find((a) => a.startsWith('--') && a !== '-');
  if (unknown !== undefined) throw new UsageError(`test-call: unknown option ${unknown}`);
  if (files.length > 1) throw new UsageError('test-call: give one scenario file (or - for standard input)');
  const source = files[0] ?? '-';
  const text =
    source === '-'
      ? await readAll(stdin)
      : await readFile(source, 'utf8').catch((e: NodeJS.ErrnoException) => {
          throw new UsageError(`test-call: cannot read ${source}: ${e.code === 'ENOENT' ? 'no such file' : e.message}`);
        });
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new UsageError(`test-call: ${source === '-' ? 'standard input' : source} is not valid JSON (${(e as Error).message})`);
  }
  const result = runTestCall(readScenario(json, builtInNetwork));
  return explain ? explainTestCall(result) : JSON.stringify(result, null, 2);
}

export function builtInNetwork(name: string) {
  return name === 'demo' ? DEMO_NETWORK : undefined;
}

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  let text = '';
  for await (const chunk of stream) text += chunk.toString();
  return text;
}
