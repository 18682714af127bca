/**
 * The one way a change is made: validate the input against the command's schema, check its
 * policy, run its handler in one transaction that also bumps the network's version, writes the
 * audit entry (C15) and announces the change, then wait until this node's snapshot holds it, and
 * on PostgreSQL every other live node's too, so that the next call anywhere is decided by it (C13).
 * The command line, which keeps no snapshot, runs without one.
 */
import type { Static, TSchema } from 'typebox';
import { Compile, type Validator } from 'typebox/compile';
import type { ClusterMembership } from '../../runtime/cluster-membership.js';
import type { SnapshotCache } from '../../runtime/snapshot-cache.js';
import type { Store } from '../../store/db.js';
import { write, type Actor as AuditActor } from '../../store/unit-of-work.js';
import { errors } from '../../shared/errors.js';
import type { By, Command, RunOptions } from './command.js';

export class CommandRunner {
  constructor(
    private readonly store: Store,
    private readonly snapshots: SnapshotCache | undefined,
    /** The deployment's other nodes (PostgreSQL): the answer waits until they hold the change too. */
    private readonly cluster?: ClusterMembership,
    private readonly warn: (message: string) => void = () => undefined,
  ) {}

  async run<S extends TSchema, R>(command: Command<S, R>, networkId: string, by: By, input: unknown, options: RunOptions = {}): Promise<R> {
    const value = checked(command, input);
    if (by.kind === 'person' && !command.allowed(by.actor, networkId, value)) throw errors.forbidden(command.refusal);
    const { result, changes } = await write(this.store, auditActorOf(by), async (unit) => {
      await options.approval?.check(unit);
      const outcome = await command.handle(unit, value, networkId, options);
      if (outcome.audit !== null) {
        if (outcome.touched !== null) unit.changed(networkId, command.name, outcome.touched, outcome.audit.tenantIds);
        const audit =
          options.auditNote === undefined ? outcome.audit : { ...outcome.audit, after: withNote(outcome.audit.after, options.auditNote) };
        await unit.audit(networkId, audit);
      }
      await options.within?.(unit, outcome.result);
      return outcome.result;
    });
    for (const change of changes) {
      await this.snapshots?.atLeast(change.networkId, change.version);
      const late = (await this.cluster?.waitForAll(change.networkId, change.version)) ?? [];
      if (late.length > 0) {
        this.warn(
          `${command.name}: node(s) ${late.join(', ')} did not confirm version ${change.version} of network ${change.networkId} in time (gone, or cut off from the database)`,
        );
      }
    }
    return result;
  }
}

/** Each command's input schema compiled once: a million-entry import is checked in milliseconds, not a second. */
const validators = new WeakMap<TSchema, Validator>();

function validatorOf(schema: TSchema): Validator {
  let validator = validators.get(schema);
  if (validator === undefined) {
    validator = Compile(schema);
    validators.set(schema, validator);
  }
  return validator;
}

/** The input as the schema says, or a 422 naming the first field at fault (a stored command is checked again). */
function checked<S extends TSchema>(command: Command<S, unknown>, input: unknown): Static<S> {
  const validator = validatorOf(command.input);
  if (validator.Check(input)) return input as Static<S>;
  const [first] = validator.Errors(input);
  const path = (first?.instancePath ?? '').split('/').filter(Boolean).join('.');
  const field = path === '' ? 'input' : path;
  throw errors.validation(field, undefined, `${field}: ${first?.message ?? 'is not valid'} (${command.name}).`);
}

/** The audit's `after` with the run's note beside it (an object's fields; anything else under `value`). */
function withNote(after: unknown, note: Readonly<Record<string, unknown>>): unknown {
  return typeof after === 'object' && after !== null && !Array.isArray(after) ? { ...after, ...note } : { value: after, ...note };
}

function auditActorOf(by: By): AuditActor {
  return by.kind === 'system'
    ? { userId: null, name: by.name, source: 'cli' }
    : { userId: by.actor.id, name: by.actor.name, source: by.source, address: by.address };
}
