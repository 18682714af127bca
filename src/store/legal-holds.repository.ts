/** B10: legal holds on a call, a caller's number or a tenant; a lifted hold stays, with who lifted it and why. */
import type { Executor } from './db.js';
import { timeOrderedId } from './ids.js';
import type { HoldKind } from '../domain/retention.js';

export interface LegalHold {
  readonly id: string;
  readonly kind: HoldKind;
  /** The call's log id, the caller's number (E.164) or the tenant's id. */
  readonly value: string;
  readonly reason: string;
  readonly placedBy: string;
  readonly placedAt: string;
  readonly liftedBy: string | null;
  readonly liftedAt: string | null;
  readonly liftReason: string | null;
}

export async function insertHold(
  db: Executor,
  networkId: string,
  hold: { kind: HoldKind; value: string; reason: string; placedBy: string },
): Promise<LegalHold> {
  const row = {
    id: timeOrderedId(),
    network_id: networkId,
    kind: hold.kind,
    value: hold.value,
    reason: hold.reason,
    placed_by: hold.placedBy,
    placed_at: new Date().toISOString(),
    lifted_by: null,
    lifted_at: null,
    lift_reason: null,
  };
  await db.insertInto('legal_holds').values(row).execute();
  return present(row);
}

/** Lifts a hold in force; the hold as it is now, or undefined when there is no such hold in force. */
export async function liftHold(
  db: Executor,
  networkId: string,
  id: string,
  lift: { by: string; reason: string },
): Promise<LegalHold | undefined> {
  const at = new Date().toISOString();
  const updated = await db
    .updateTable('legal_holds')
    .set({ lifted_by: lift.by, lifted_at: at, lift_reason: lift.reason })
    .where('network_id', '=', networkId)
    .where('id', '=', id)
    .where('lifted_at', 'is', null)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) === 0) return undefined;
  const row = await db.selectFrom('legal_holds').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  return present(row);
}

/** The network's holds, newest first; `inForce`: only those not lifted. */
export async function listHolds(db: Executor, networkId: string, inForce = false): Promise<LegalHold[]> {
  let query = db.selectFrom('legal_holds').selectAll().where('network_id', '=', networkId);
  if (inForce) query = query.where('lifted_at', 'is', null);
  return (await query.orderBy('id', 'desc').execute()).map(present);
}

function present(r: {
  id: string;
  kind: string;
  value: string;
  reason: string;
  placed_by: string;
  placed_at: string;
  lifted_by: string | null;
  lifted_at: string | null;
  lift_reason: string | null;
}): LegalHold {
  return {
    id: r.id,
    kind: r.kind as HoldKind,
    value: r.value,
    reason: r.reason,
    placedBy: r.placed_by,
    placedAt: r.placed_at,
    liftedBy: r.lifted_by,
    liftedAt: r.lifted_at,
    liftReason: r.lift_reason,
  };
}

/** B10: the holds in force on this recording (its tenant, its call, its caller), read now. */
export async function holdsOn(
  db: Executor,
  networkId: string,
  recording: { readonly tenantId: string | null; readonly callLogId: string; readonly caller: string | null },
): Promise<{ kind: string; value: string }[]> {
  return db
    .selectFrom('legal_holds')
    .select(['kind', 'value'])
    .where('network_id', '=', networkId)
    .where('lifted_at', 'is', null)
    .where((eb) =>
      eb.or([
        eb.and([eb('kind', '=', 'call'), eb('value', '=', recording.callLogId)]),
        ...(recording.tenantId === null ? [] : [eb.and([eb('kind', '=', 'tenant'), eb('value', '=', recording.tenantId)])]),
        ...(recording.caller === null ? [] : [eb.and([eb('kind', '=', 'caller'), eb('value', '=', recording.caller)])]),
      ]),
    )
    .execute();
}
