/** The `switchboard` command. Errors a user can act on print one line; nothing prints a stack trace. */
import { ConfigError } from '../../config.js';
import { DomainError } from '../../domain/errors.js';
import { AppError } from '../../shared/errors.js';
import {
  demoCommand,
  migrateCommand,
  networkCreateCommand,
  tokenCreateCommand,
  tokenListCommand,
  tokenRevokeCommand,
  userAddCommand,
} from './admin.commands.js';
import { parseArgs } from './args.js';
import { exclusionsExportCommand, exclusionsImportCommand } from './exclusions.command.js';
import { serveCommand, type StartServer } from './serve.command.js';
import { testCallCommand } from './test-call.command.js';
import { twilioFallbackCommand } from './twilio.command.js';
import { scheduleCommand, schedulesCommand, unscheduleCommand } from './continuity.command.js';
import { approvalPolicyCommand, approvalsCommand, approveCommand, refuseCommand } from './approvals.command.js';
import { UsageError } from './usage-error.js';

const USAGE = `Usage: switchboard <command>

Commands:
  serve [--demo]                   run the server (PORT, HOST, DATABASE_URL, SWITCHBOARD_DATA_DIR); --demo seeds the demo network first
  migrate                          bring the database schema up to date
  demo                             create the demo network and its users (prints their logins)
  network create --slug S --name N create an empty network
  user add --network ID --email E [--name N] [--password P] [--admin] [--agent [--employee ID]]
           [--tenant-permission TENANT:PERMISSION]... [--network-permission PERMISSION]...
  token create --email E [--name N] [--expires-in DAYS] [--scope recording_pause]
                                   create an API token for a user (shown once); a scoped
                                   token may only pause and resume recordings (B8)
  token list --network ID          the network's API tokens: user, name, last use, expiry
  token revoke --network ID TOKEN_ID
                                   revoke a token: it stops working at once
  test-call [FILE|-] [--explain]   run a test call scenario (docs/test-call.md) on a built-in network
  exclusions import --network ID --mode add|replace [--allow-empty] [--yes] [--progress] FILE
                                   import an exclusion list (.csv or .xlsx): preview, confirm, apply
  exclusions export --network ID [--format csv|xlsx] [--out FILE]
                                   download the exclusion list (stdout without --out)
  twilio fallback-twiml --network ID [--out DIR]
                                   B9: each tracking number's fallback TwiML for a Twilio-compatible provider
  continuity schedule --network ID (--tenant ID | --all) [--on TIME] [--off TIME]
                                   B1: switch Call Continuity on and/or off at a time (ISO 8601 with its offset)
  continuity schedules --network ID
                                   B1: the pending schedules, soonest first
  continuity unschedule --network ID SCHEDULE_ID
                                   B1: cancel a pending schedule
  continuity approval-policy --network ID [--mode none|turn_on_for_all|every_switch] [--expiry-minutes N]
                                   B5: show or set which switches need a second administrator's approval
  continuity approvals --network ID
                                   B5: the approval requests, pending first
  continuity approve --network ID REQUEST_ID
                                   B5: approve a request: the switch runs as asked, if nothing changed since
  continuity refuse --network ID REQUEST_ID [--reason TEXT]
                                   B5: refuse a request
`;

/** `startServer` comes from the composition root (src/main.ts), which runs this command line. */
export async function main(argv: readonly string[], startServer: StartServer): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'serve':
        return await serveCommand(parseArgs(rest, { command: 'serve', flags: ['demo'] }), startServer);
      case 'migrate':
        parseArgs(rest, { command: 'migrate' });
        return print(await migrateCommand());
      case 'demo':
        parseArgs(rest, { command: 'demo' });
        return print(await demoCommand());
      case 'network':
        if (rest[0] !== 'create') throw new UsageError('usage: switchboard network create --slug S --name N');
        return print(await networkCreateCommand(parseArgs(rest.slice(1), { command: 'network create', options: ['slug', 'name'] })));
      case 'user':
        if (rest[0] !== 'add') throw new UsageError('usage: switchboard user add --network ID --email E ...');
        return print(
          await userAddCommand(
            parseArgs(rest.slice(1), {
              command: 'user add',
              flags: ['admin', 'agent'],
              options: ['network', 'email', 'name', 'password', 'employee', 'tenant-permission', 'network-permission'],
            }),
          ),
        );
      case 'token':
        if (rest[0] === 'create')
          return print(
            await tokenCreateCommand(
              parseArgs(rest.slice(1), { command: 'token create', options: ['email', 'name', 'expires-in', 'scope'] }),
            ),
          );
        if (rest[0] === 'list')
          return print(await tokenListCommand(parseArgs(rest.slice(1), { command: 'token list', options: ['network'] })));
        if (rest[0] === 'revoke')
          return print(await tokenRevokeCommand(parseArgs(rest.slice(1), { command: 'token revoke', options: ['network'] })));
        throw new UsageError('usage: switchboard token create|list|revoke ...');
      case 'exclusions': {
        const io = { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr };
        if (rest[0] === 'import')
          return await exclusionsImportCommand(
            parseArgs(rest.slice(1), {
              command: 'exclusions import',
              flags: ['yes', 'progress', 'allow-empty'],
              options: ['network', 'mode'],
            }),
            io,
          );
        if (rest[0] === 'export')
          return await exclusionsExportCommand(
            parseArgs(rest.slice(1), { command: 'exclusions export', options: ['network', 'format', 'out'] }),
            io,
          );
        throw new UsageError('usage: switchboard exclusions import|export --network ID ...');
      }
      case 'test-call':
        return print(await testCallCommand(rest, process.stdin));
      case 'twilio':
        if (rest[0] !== 'fallback-twiml') throw new UsageError('usage: switchboard twilio fallback-twiml --network ID [--out DIR]');
        return print(
          await twilioFallbackCommand(parseArgs(rest.slice(1), { command: 'twilio fallback-twiml', options: ['network', 'out'] })),
        );
      case 'continuity':
        if (rest[0] === 'schedule')
          return print(
            await scheduleCommand(
              parseArgs(rest.slice(1), { command: 'continuity schedule', flags: ['all'], options: ['network', 'tenant', 'on', 'off'] }),
            ),
          );
        if (rest[0] === 'schedules')
          return print(await schedulesCommand(parseArgs(rest.slice(1), { command: 'continuity schedules', options: ['network'] })));
        if (rest[0] === 'unschedule')
          return print(await unscheduleCommand(parseArgs(rest.slice(1), { command: 'continuity unschedule', options: ['network'] })));
        if (rest[0] === 'approval-policy')
          return print(
            await approvalPolicyCommand(
              parseArgs(rest.slice(1), { command: 'continuity approval-policy', options: ['network', 'mode', 'expiry-minutes'] }),
            ),
          );
        if (rest[0] === 'approvals')
          return print(await approvalsCommand(parseArgs(rest.slice(1), { command: 'continuity approvals', options: ['network'] })));
        if (rest[0] === 'approve')
          return print(await approveCommand(parseArgs(rest.slice(1), { command: 'continuity approve', options: ['network'] })));
        if (rest[0] === 'refuse')
          return print(await refuseCommand(parseArgs(rest.slice(1), { command: 'continuity refuse', options: ['network', 'reason'] })));
        throw new UsageError(
          'usage: switchboard continuity schedule|schedules|unschedule|approval-policy|approvals|approve|refuse --network ID ...',
        );
      case undefined:
      case 'help':
      case '--help':
        process.stdout.write(USAGE);
        return command === undefined ? 2 : 0;
      default:
        throw new UsageError(`unknown command ${JSON.stringify(command)}\n\n${USAGE}`);
    }
  } catch (error) {
    // An operator's mistake named by the application (an unknown network, a taken email): as a usage error.
    if (error instanceof AppError && error.code === 'usage') {
      process.stderr.write(`switchboard: ${error.message}\n`);
      return 2;
    }
    if (error instanceof DomainError || error instanceof AppError) {
      process.stderr.write(`switchboard: ${error.message}\n`);
      return 1;
    }
    if (error instanceof UsageError || error instanceof ConfigError) {
      process.stderr.write(`switchboard: ${error.message}\n`);
      return 2;
    }
    process.stderr.write(`switchboard: unexpected error: ${(error as Error).message}\n`);
    return 70;
  }
}

function print(text: string): number {
  process.stdout.write(`${text}\n`);
  return 0;
}
