/** The `switchboard` command. Errors a user can act on print one line; nothing prints a stack trace. */
import { DomainError } from '../domain/errors.js';
import { demoCommand } from './demo.command.js';
import { testCallCommand } from './test-call.command.js';
import { UsageError } from './usage-error.js';

const USAGE = `Usage: switchboard <command>

Commands:
  test-call [FILE|-] [--explain]   run a test call scenario (docs/test-call.md); JSON, or text with --explain
  demo                             run test calls on the built-in demo network and explain them
`;

export async function main(argv: readonly string[]): Promise<number> {
  const [command, ...args] = argv;
  try {
    switch (command) {
      case 'test-call':
        process.stdout.write(`${await testCallCommand(args, process.stdin)}\n`);
        return 0;
      case 'demo':
        process.stdout.write(`${demoCommand()}\n`);
        return 0;
      case undefined:
      case 'help':
      case '--help':
        process.stdout.write(USAGE);
        return command === undefined ? 2 : 0;
      default:
        throw new UsageError(`unknown command ${JSON.stringify(command)}\n\n${USAGE}`);
    }
  } catch (error) {
    if (error instanceof DomainError) {
      process.stderr.write(`switchboard: ${error.message}\n`);
      return 1;
    }
    if (error instanceof UsageError) {
      process.stderr.write(`switchboard: ${error.message}\n`);
      return 2;
    }
    process.stderr.write(`switchboard: unexpected error: ${(error as Error).message}\n`);
    return 70;
  }
}
