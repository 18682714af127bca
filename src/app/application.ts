/**
 * The application layer as the edges hold it: one object, made by the composition root
 * (main.ts), passed to the app's queries and commands. Edges never open it (they import no
 * repository and no store: lint checks that); the app's own functions read its parts.
 */
import type { SnapshotCache } from '../runtime/snapshot-cache.js';
import type { Store } from '../store/db.js';
import { CallSessions } from './calls/call-sessions.js';
import { CommandRunner } from './commands/runner.js';

export interface Application {
  /** For the app's queries and commands only. */
  readonly store: Store;
  /** This node's snapshots; absent where none is kept (the command line). */
  readonly snapshots: SnapshotCache | undefined;
  /** The one way a change is made (commands/runner.ts). */
  readonly commands: CommandRunner;
  /** The calls in progress on this node, whatever edge carries them (calls/call-sessions.ts). */
  readonly calls: CallSessions;
}

export function createApplication(store: Store, snapshots?: SnapshotCache): Application {
  return { store, snapshots, commands: new CommandRunner(store, snapshots), calls: new CallSessions(store, snapshots) };
}
