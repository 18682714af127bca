/**
 * A change to a network, as data: its name, the schema of its input, the policy that says who may
 * run it, and its handler. Nothing else: the transaction, the version, the audit entry, the
 * change-feed notice and the wait for this node's snapshot are the runner's (runner.ts), the same
 * for every command. Because a command is a name and a JSON input, it can be stored and run later
 * unchanged (a scheduled switch, a change waiting for a second approver).
 */
import type { Static, TSchema } from 'typebox';
import type { Touched } from '../../store/touched.js';
import type { AuditInput, Unit } from '../../store/unit-of-work.js';
import type { Actor } from '../policies/actor.js';

/** Who runs a command: a signed-in person (the policy decides), or the operator's command line (it holds the database already). */
export type By =
  | { readonly kind: 'person'; readonly actor: Actor; readonly source: 'ui' | 'api' | 'schedule'; readonly address: string | null }
  | { readonly kind: 'system'; readonly name: string };

/** What a handler did: its result, and the audit entry that describes it (none: nothing changed). */
export interface Outcome<R> {
  readonly result: R;
  readonly audit: AuditInput | null;
  /**
   * The parts of the network's settings the change touched: the network's version grows, every
   * node hears of it and patches only those parts of its snapshot. Null: no setting changed (an
   * API token is audited but no snapshot holds it).
   */
  readonly touched: Touched | null;
}

export interface Command<S extends TSchema = TSchema, R = unknown> {
  /** Stable: the name a stored command is run by, and the change's kind on the feed. */
  readonly name: string;
  readonly input: S;
  /** The policy, on the input as validated. */
  readonly allowed: (actor: Actor, networkId: string, input: Static<S>) => boolean;
  /** What is refused when the policy says no, in words ("switch Call Continuity for this tenant"). */
  readonly refusal: string;
  readonly handle: (unit: Unit, input: Static<S>, networkId: string, run: RunOptions) => Promise<Outcome<R>>;
}

/** What one run may add that is not part of the stored command: someone listening to its progress. */
export interface RunOptions {
  /** Hears the running count of rows written (progress on a terminal; tests interrupt here). */
  readonly onProgress?: (done: number, total: number) => void | Promise<void>;
  /**
   * The caller's own write, in the command's transaction after its handler (a scheduled run marks
   * its schedule done there, so the change and the mark commit together or not at all). It sees
   * the command's result; throwing rolls the change back.
   */
  readonly within?: (unit: Unit, result: unknown) => Promise<void>;
  /** Added to the audit entry's `after` (a scheduled run: when it was due and how late it ran). */
  readonly auditNote?: Readonly<Record<string, unknown>>;
  /**
   * B5: this run is a request a second administrator approved. Its check runs in the command's
   * transaction before the handler (nothing the request depends on changed since it was asked:
   * it throws otherwise), and the handler lets the switch through its approval gate.
   */
  readonly approval?: { readonly id: string; readonly check: (unit: Unit) => Promise<void> };
}

/** Declares a command; the types of its input and result come from its schema and its handler. */
export const defineCommand = <S extends TSchema, R>(command: Command<S, R>): Command<S, R> => command;
