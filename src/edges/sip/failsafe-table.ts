/**
 * B9: Kamailio's failsafe table, kept supplied by Switchboard: every tracking number's Call
 * Continuity destination as a SIP URI. Sent whole on (re)connect, else only the differences.
 */
import { continuityDestinationOf } from '../../domain/continuity.js';
import type { NetworkSnapshot } from '../../domain/snapshot.js';
import type { EvapiClient } from './evapi-client.js';
import type { SipTargets } from '../../config.js';
import { continuityUri } from './sip-targets.js';

export class FailsafeTable {
  /** The table as Kamailio has it: number → URI. */
  private readonly sent = new Map<string, string>();

  constructor(
    private readonly targets: SipTargets,
    private readonly kamailio: EvapiClient,
  ) {}

  supply(snapshots: readonly NetworkSnapshot[], whole: boolean): void {
    const next = new Map<string, string>();
    for (const snapshot of snapshots) {
      for (const tenant of snapshot.tenants) {
        for (const tn of snapshot.trackingNumbersOf(tenant.id)) {
          const destination = continuityDestinationOf(snapshot, tn, tenant);
          if (destination !== undefined) next.set(tn.number, continuityUri(this.targets, destination));
        }
      }
    }
    if (whole) {
      this.sent.clear();
      this.kamailio.send({ type: 'failsafe-reset' });
    }
    for (const [number, uri] of next) {
      if (this.sent.get(number) !== uri && this.kamailio.send({ type: 'failsafe', number, uri })) this.sent.set(number, uri);
    }
    for (const number of [...this.sent.keys()]) {
      if (!next.has(number) && this.kamailio.send({ type: 'failsafe', number, uri: '' })) this.sent.delete(number);
    }
  }
}
