/**
 * B9 (amended): Kamailio's failsafe table, kept supplied by Switchboard: for every tracking number,
 * the route Switchboard would give now, as a SIP URI: the workflow target while its tenant is not
 * in continuity, the continuity destination while it is. So a control plane that is down or slow
 * sends no healthy tenant's calls to its backup. Sent whole on (re)connect, else the differences.
 */
import { routeTrackingNumber } from '../../domain/decide-route.js';
import type { NetworkSnapshot } from '../../domain/snapshot.js';
import type { EvapiClient } from './evapi-client.js';
import type { SipTargets } from '../../config.js';
import { chainOf, routeUri } from './sip-targets.js';

export class FailsafeTable {
  /** The table as Kamailio has it: number → URI. */
  private readonly sent = new Map<string, string>();

  constructor(
    private readonly targets: SipTargets,
    private readonly kamailio: EvapiClient,
    private readonly continuityMessage: string,
  ) {}

  supply(snapshots: readonly NetworkSnapshot[], whole: boolean): void {
    const next = new Map<string, string>();
    for (const snapshot of snapshots) {
      for (const tenant of snapshot.tenants) {
        for (const tn of snapshot.trackingNumbersOf(tenant.id)) {
          const route = routeTrackingNumber(snapshot, tn, tenant);
          const uri = routeUri(this.targets, route);
          if (uri === null) continue;
          // B6: a continuity route carries its chain (JSON, with the first URI): the failsafe follows it too.
          next.set(tn.number, chainOf(this.targets, route, this.continuityMessage, uri) ?? uri);
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
