#!/usr/bin/env node
// Runs the TypeScript sources through tsx: no build step between a clone and a working command.
import { register } from 'tsx/esm/api';

register();
const { run } = await import('../src/main.ts');
process.exitCode = await run(process.argv.slice(2));
