/**
 * C12: server-sent events for the signed-in user's network. On connect, and after every change
 * that touches Call Continuity, the stream carries which tenants are in continuity (the agents'
 * system-wide banner), the tenants the change touched, and the network's settings version.
 */
import type { OutgoingHttpHeaders } from 'node:http';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { NetworkSnapshot } from '../../../domain/snapshot.js';
import { AppError } from '../../../shared/errors.js';
import { followChanges, snapshotOf } from '../../../app/queries/node.queries.js';
import type { HttpContext } from '../context.js';
import { actorOf } from '../plugins/authentication.js';
import { seesTenant, type Actor } from '../../../app/policies/actor.js';

const HEARTBEAT_MS = 15_000;

/** Agents and network administrators see every tenant (the banner); anyone else only the tenants they can see. */
function continuityEvent(snapshot: NetworkSnapshot, change: { tenantIds: readonly string[]; allTenants?: boolean }, actor: Actor): string {
  const changedTenantIds = change.allTenants === true ? snapshot.tenants.map((t) => t.id) : change.tenantIds;
  const visible = (id: string) => actor.agent || seesTenant(actor, snapshot.networkId, id);
  const inContinuity = snapshot.tenants.filter((t) => t.continuity.enabled && visible(t.id)).map((t) => ({ id: t.id, name: t.name }));
  // B4: tenants in a drill (only their test callers' calls go to the destination), until it ends.
  const now = Date.now();
  const inDrill = snapshot.tenants.flatMap((t) => {
    const drill = t.continuity.drill;
    if (t.continuity.enabled || drill === undefined || drill === null || drill.endsAt <= now || !visible(t.id)) return [];
    return [{ id: t.id, name: t.name, endsAt: new Date(drill.endsAt).toISOString() }];
  });
  const data = {
    version: snapshot.version,
    tenantsInContinuity: inContinuity,
    tenantsInDrill: inDrill,
    changedTenantIds: changedTenantIds.filter(visible),
  };
  return `event: continuity\nid: ${snapshot.version}\ndata: ${JSON.stringify(data)}\n\n`;
}

export const eventsRoutes: FastifyPluginAsyncTypebox<HttpContext> = async (server, { app, config }) => {
  // Hardening item 9: one credential cannot hold this node's connections open without end.
  const limit = config.streamsPerUser ?? 10;
  const open = new Map<string, number>();

  server.get(
    '/api/events',
    {
      schema: {
        tags: ['events'],
        summary: 'C12 server-sent events: `continuity` with the tenants in continuity, on connect and within moments of every change',
        description: `At most SWITCHBOARD_STREAMS_PER_USER (default 10) streams per user on one node; one more is a 429 too_many_streams.`,
        produces: ['text/event-stream'],
        response: { 429: Type.Ref('ErrorResponse') },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const networkId = actor.networkId;
      const held = open.get(actor.id) ?? 0;
      if (held >= limit) {
        throw new AppError(
          429,
          'too_many_streams',
          `You already have ${held} event streams open (the most is ${limit}): close a browser tab or an idle connection and try again.`,
        );
      }
      const first = await snapshotOf(app, networkId);
      open.set(actor.id, (open.get(actor.id) ?? 0) + 1);
      reply.hijack();
      const raw = reply.raw;
      // Hijacked: the headers set so far (the security headers) are written here by hand.
      raw.writeHead(200, {
        ...(reply.getHeaders() as OutgoingHttpHeaders),
        'content-type': 'text/event-stream',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      });
      if (first !== undefined) raw.write(continuityEvent(first, { tenantIds: [] }, actor));
      let sent = first?.version ?? 0;
      const unsubscribe = followChanges(
        app,
        networkId,
        (kind) => kind.includes('continuity'),
        (snapshot, change) => {
          if (snapshot.version <= sent || raw.writableEnded) return;
          sent = snapshot.version;
          raw.write(continuityEvent(snapshot, change, actor));
        },
        (error) => request.log.warn({ err: error }, 'could not send a continuity event'),
      );
      const heartbeat = setInterval(() => raw.write(': keep-alive\n\n'), HEARTBEAT_MS);
      heartbeat.unref();
      request.raw.on('close', () => {
        clearInterval(heartbeat);
        unsubscribe();
        const left = (open.get(actor.id) ?? 1) - 1;
        if (left > 0) open.set(actor.id, left);
        else open.delete(actor.id);
      });
    },
  );
};
