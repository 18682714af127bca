/**
 * Issue 14: the Twilio-compatible edge. A provider (Twilio, or one speaking its dialect) asks
 * where each call to a network's number goes (`POST /twilio/voice`) and reports what happens to it
 * (`/twilio/leg-status` when a dialled leg is answered, `/twilio/refer` and `/twilio/transfer` when
 * the call is transferred, `/twilio/dial-ended` when the dialled leg or the queue is over,
 * `/twilio/status` when the call ends). Every request is checked first: the
 * account it names must be a network's, and its X-Twilio-Signature must verify with that account's
 * auth token over the public URL and the form (the official library's validateRequest); otherwise
 * 403 and nothing is done. The calls are the application's call sessions, the same as the SIP
 * edge's: the route from the live snapshot (C13), the recording plan fed event by event, the call
 * logged once (L5), its recording driven through the provider's REST API (twilio-media.ts).
 * Numbers are parsed once, here.
 */
import formbody from '@fastify/formbody';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import twilio from 'twilio';
import type { Application } from '../../app/application.js';
import type { CallSession } from '../../app/calls/call-session.js';
import { TwilioCredentialsCache, type TwilioCredentials } from '../../app/queries/twilio.queries.js';
import { loggedCall } from '../../app/queries/recording.queries.js';
import type { Config } from '../../config.js';
import { asE164, parsePhoneNumber, type E164 } from '../../domain/phone-number.js';
import { errors } from '../../shared/errors.js';
import { TwilioMedia } from './twilio-media.js';
import { transferTargetsOf } from '../target-templates.js';
import { answererOf, hangUpTwiml, rejectTwiml, twimlFor, twimlForStep, twimlTo, twimlToAddress, type Callbacks } from './twiml.js';
import type { AttemptOutcome } from '../../domain/continuity.js';
import { readFile } from 'node:fs/promises';

const SOURCE = 'twilio';
/** An anonymous caller (no number in From) matches no exclusion. */
const ANONYMOUS = asE164('+10000000000', 'From');
/** The statuses that end a call (the number's status callback). */
const ENDED = new Set(['completed', 'busy', 'failed', 'no-answer', 'canceled']);
const SID = /^[A-Z]{2}[0-9a-fA-F]{32}$/;
/** B6: a continuity destination's DialCallStatus, when it did not take the call. */
const DIAL_OUTCOMES: Record<string, AttemptOutcome> = { busy: 'busy', 'no-answer': 'no_answer', failed: 'unreachable' };

type Form = Record<string, string>;

export class TwilioEdge {
  private readonly credentials: TwilioCredentialsCache;
  private readonly media: TwilioMedia;
  /** The address each call's voice webhook came to (where its callbacks go), while it lasts. */
  private readonly bases = new Map<string, string>();
  private readonly callbacksAt = new Map<string, Callbacks>();

  constructor(
    private readonly app: Application,
    private readonly settings: NonNullable<Config['twilio']>,
    private readonly log: (level: 'info' | 'warn', message: string) => void,
    /**
     * What the provider plays, served here for <Play>: B6 the recorded message a continuity call ends
     * with ('' or absent: <Say> says it); B7 the consent announcement ('' or absent: none is played,
     * and recording does not wait for one).
     */
    private readonly prompts: { readonly continuityMessage?: string; readonly consentAnnouncement?: string } = {},
  ) {
    this.credentials = new TwilioCredentialsCache(app);
    this.media = new TwilioMedia(
      settings.apiUrl,
      (networkId) => this.credentials.forNetwork(networkId),
      (callId) => {
        const base = this.settings.publicUrl ?? this.bases.get(callId);
        return base === undefined ? null : `${base}/twilio/recording-status`;
      },
    );
    app.calls.controlMediaWith(SOURCE, (session) => this.media.follow(session), (prompts.consentAnnouncement ?? '') !== '');
    app.calls.onHandover({
      adopted: (session) => {
        if (session.source !== SOURCE) return;
        this.media.adopt(session);
        void this.followQuietly(session);
      },
      released: (callId) => void this.media.end(callId),
    });
  }

  /** The webhooks, public (they carry the provider's signature instead of a session). */
  /** B10: deletes a recording the provider holds, when its tenant keeps it no longer. */
  readonly deleteRecording = (networkId: string, mediaUrl: string): Promise<void> => this.media.deleteRecording(networkId, mediaUrl);

  readonly routes: FastifyPluginAsync = async (server) => {
    await server.register(formbody, { bodyLimit: 64 * 1024 });
    const hook = (path: string, handle: (form: Form, account: TwilioCredentials, request: FastifyRequest) => Promise<string>) =>
      server.post(path, { config: { public: true }, schema: { hide: true } }, async (request, reply) => {
        const { form, account } = await this.verified(request);
        return reply.type('text/xml; charset=utf-8').send(await handle(form, account, request));
      });
    hook('/twilio/voice', (form, account, request) => this.onVoice(form, account, request));
    // R9 R14 R6: a SIP leg's REFER (the agent's phone), or the call moved here with the REST API
    // (`…/twilio/transfer?Target=<address>`, the address a template makes: client:emp-ben, queue:q-billing, +1760…).
    hook('/twilio/refer', (form, account, request) =>
      this.onTransfer(form, account, request, 'ReferTransferTarget', form.ReferTransferTarget),
    );
    hook('/twilio/transfer', (form, account, request) => {
      const query = request.query as Record<string, unknown>;
      return this.onTransfer(form, account, request, 'Target', typeof query.Target === 'string' ? query.Target : undefined);
    });
    hook('/twilio/leg-status', (form, account) => this.onLegStatus(form, account));
    hook('/twilio/dial-ended', async () => hangUpTwiml());
    hook('/twilio/continuity-next', (form, account, request) => this.onContinuityNext(form, account, request));
    // B6 the recorded message, B7 the consent announcement, fetched by the provider for <Play> (no secret in them: served to anyone).
    for (const [name, file] of [
      ['continuity-message', this.prompts.continuityMessage ?? ''],
      ['consent-announcement', this.prompts.consentAnnouncement ?? ''],
    ] as const)
      server.get(`/twilio/${name}.wav`, { config: { public: true }, schema: { hide: true } }, async (_request, reply) => {
        if (file === '') throw errors.notFound('prompt', `${name}.wav`);
        return reply
          .type('audio/wav')
          .header('cache-control', 'public, max-age=300')
          .send(await readFile(file));
      });
    hook('/twilio/status', (form, account) => this.onStatus(form, account));
    hook('/twilio/recording-status', (form, account) => this.onRecordingStatus(form, account));
  };

  /** The request's form and account, once its signature is checked; throws 403 (nothing done) otherwise. */
  private async verified(request: FastifyRequest): Promise<{ form: Form; account: TwilioCredentials }> {
    if (!(request.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded'))
      throw errors.unsupportedMediaType('application/x-www-form-urlencoded');
    const form: Form = {};
    if (typeof request.body === 'object' && request.body !== null)
      for (const [key, value] of Object.entries(request.body)) if (typeof value === 'string') form[key] = value;
    const signature = request.headers['x-twilio-signature'];
    const accountSid = form.AccountSid ?? '';
    const account = SID.test(accountSid) && typeof signature === 'string' ? await this.credentials.get(accountSid) : undefined;
    if (account === undefined || !twilio.validateRequest(account.authToken, signature as string, this.urlOf(request), form)) {
      throw errors.badSignature('X-Twilio-Signature');
    }
    return { form, account };
  }

  /** The URL the provider signed: SWITCHBOARD_PUBLIC_URL and the path, or what the request (through the trusted proxies) says it was sent to. */
  private urlOf(request: FastifyRequest): string {
    return `${this.settings.publicUrl ?? `${request.protocol}://${request.host}`}${request.url}`;
  }

  /** Where a call's callbacks go: under the public URL, or the address its voice webhook came to (one object per address). */
  private callbacks(request: FastifyRequest, callId: string): Callbacks {
    const base = this.settings.publicUrl ?? `${request.protocol}://${request.host}`;
    if (this.settings.publicUrl === null) {
      this.bases.set(callId, base);
      if (this.bases.size > 100_000) this.bases.delete(this.bases.keys().next().value!);
    }
    let callbacks = this.callbacksAt.get(base);
    if (callbacks === undefined) {
      callbacks = {
        dialEnded: `${base}/twilio/dial-ended`,
        legStatus: `${base}/twilio/leg-status`,
        refer: `${base}/twilio/refer`,
        continuityNext: `${base}/twilio/continuity-next`,
        message: (this.prompts.continuityMessage ?? '') === '' ? null : `${base}/twilio/continuity-message.wav`,
        consent: (this.prompts.consentAnnouncement ?? '') === '' ? null : `${base}/twilio/consent-announcement.wav`,
      };
      if (this.callbacksAt.size >= 100) this.callbacksAt.clear();
      this.callbacksAt.set(base, callbacks);
    }
    return callbacks;
  }

  /** Where the call goes: the account's network decides, from its live snapshot. */
  private async onVoice(form: Form, account: TwilioCredentials, request: FastifyRequest): Promise<string> {
    const callId = required(form, 'CallSid');
    // This address configured as a number's fallback URL too: the provider says why its first try failed.
    if (form.ErrorCode !== undefined)
      this.log(
        'warn',
        `Twilio call ${callId}: the provider's fallback request (error ${form.ErrorCode} at ${form.ErrorUrl ?? 'its voice URL'})`,
      );
    // A Voice SDK client places a call (the TwiML app's voice URL): an employee's outbound or internal call.
    const caller = answererOf(this.settings.targets, form.From);
    if (caller !== null && 'employeeId' in caller) return this.onPlaced(form, account, request, callId, caller.employeeId);
    const to = numberOf(form.To, 'To');
    if (to === null) return rejectTwiml();
    const decided = await this.app.calls.route({
      callId,
      from: callerOf(form),
      to,
      at: Date.now(),
      source: SOURCE,
      networkId: account.networkId,
    });
    if (decided === undefined) return rejectTwiml();
    // B7: where the caller's law asks, the consent announcement plays before the call is put through.
    const announce = this.app.calls.get(callId)?.announcementPending ?? false;
    return twimlFor(this.settings.targets, decided.route, this.callbacks(request, callId), announce);
  }

  /**
   * An employee's Voice SDK client places a call: to another employee's client (`To=client:<id>`,
   * internal: L4) or to a number (outbound: L1 L6); a `TenantId` parameter (the core platform's
   * click-to-call passes it with the connect parameters) links it to that tenant. Dialled with the
   * employee's direct line as the caller id, and the same callbacks as any call.
   */
  private async onPlaced(
    form: Form,
    account: TwilioCredentials,
    request: FastifyRequest,
    callId: string,
    employeeId: string,
  ): Promise<string> {
    const callee = answererOf(this.settings.targets, form.To);
    const to = callee === null ? numberOf(form.To, 'To') : null;
    const tenantId = form.TenantId === undefined || form.TenantId === '' ? undefined : form.TenantId;
    const call =
      callee !== null && 'employeeId' in callee
        ? { direction: 'internal' as const, fromEmployeeId: employeeId, toEmployeeId: callee.employeeId }
        : to !== null
          ? {
              direction: 'outbound' as const,
              employeeId,
              to,
              via: tenantId === undefined ? ('contact_center' as const) : ('click_to_call' as const),
              ...(tenantId === undefined ? {} : { tenantId }),
            }
          : null;
    if (call === null) return rejectTwiml();
    let placed;
    try {
      placed = await this.app.calls.placed({ callId, networkId: account.networkId, call, at: Date.now(), source: SOURCE });
    } catch (error) {
      // An employee or a tenant the network does not know: the call is not put through.
      this.log('warn', `Twilio call ${callId} placed by ${employeeId}: ${(error as Error).message}`);
      return rejectTwiml();
    }
    if (placed === undefined) return rejectTwiml();
    const target =
      call.direction === 'internal' ? { kind: 'employee' as const, id: call.toEmployeeId } : { kind: 'number' as const, number: call.to };
    return twimlTo(this.settings.targets, target, this.callbacks(request, callId), call.direction === 'internal' ? null : placed.callerId);
  }

  /**
   * A dialled leg was answered: the call's answer (R2, R3: its recording starts as the plan says).
   * The leg's `To` names who answered when it is a Voice SDK client (`client:<employee id>`).
   */
  private async onLegStatus(form: Form, account: TwilioCredentials): Promise<string> {
    const parent = form.ParentCallSid;
    if (form.CallStatus !== 'in-progress' || parent === undefined || !SID.test(parent)) return hangUpTwiml();
    const session = await this.app.calls.find(parent);
    // Only the account's own network's calls: another account cannot answer them.
    if (session === undefined || session.networkId !== account.networkId) return hangUpTwiml();
    // A Voice SDK client answering names itself: its identity, an employee id (as X-Switchboard-Agent
    // on SIP); a voice agent answers at the address its template makes.
    const answerer = answererOf(this.settings.targets, form.To);
    let changed: boolean;
    try {
      // B7: the consent announcement played before the call was put through (<Play> before <Dial>).
      if (session.announcementPending) session.announcementPlayed(Date.now());
      changed = session.answered(
        Date.now(),
        answerer !== null && 'employeeId' in answerer ? answerer.employeeId : null,
        answerer !== null && 'voiceAgentId' in answerer ? answerer.voiceAgentId : null,
      );
    } catch (error) {
      // An answerer the network does not know: the plan stays as it was.
      this.log('warn', `Twilio call ${parent}: ${(error as Error).message}`);
      return hangUpTwiml();
    }
    if (!changed) return hangUpTwiml();
    this.app.calls.changed(session);
    await this.followQuietly(session);
    return hangUpTwiml();
  }

  /**
   * B6: a continuity destination's <Dial> is over. Answered (or the caller gone): nothing more.
   * Busy, not answered within its ring time, or failed: kept as the call's attempt, and the call
   * goes to the next step of its chain, the recorded message last.
   */
  private async onContinuityNext(form: Form, account: TwilioCredentials, request: FastifyRequest): Promise<string> {
    const callId = required(form, 'CallSid');
    const outcome = DIAL_OUTCOMES[form.DialCallStatus ?? ''];
    const session = await this.app.calls.find(callId);
    if (outcome === undefined || session === undefined || session.networkId !== account.networkId || session.route?.kind !== 'continuity')
      return hangUpTwiml();
    const next = session.destinationFailed(Date.now(), outcome, null);
    if (next === null) return hangUpTwiml();
    this.log('info', `Twilio call ${callId}: continuity destination ${form.DialCallStatus}; next: ${next.kind}`);
    this.app.calls.changed(session);
    return twimlForStep(this.settings.targets, next, session.route.noAnswerSeconds, this.callbacks(request, callId));
  }

  /**
   * R9 R14 R6: the call goes elsewhere: `address` (a REFER's Refer-To, or the Target of a call moved
   * here) is read back through the templates, the first reading the network knows is applied (a
   * transfer, a forward, or a redirect before the answer), the recording follows (a transfer that
   * ends it stops it: R9), and the call is put through there with the same callbacks. An address
   * no template makes is put through as asked, the plan unchanged.
   */
  private async onTransfer(
    form: Form,
    account: TwilioCredentials,
    request: FastifyRequest,
    field: string,
    address: string | undefined,
  ): Promise<string> {
    const callId = required(form, 'CallSid');
    if (address === undefined || address.trim() === '')
      throw errors.validation(
        field,
        address ?? null,
        `${field}: name where the call goes (an address the targets make, a SIP URI or a number).`,
      );
    // A REFER's webhook may name the leg that sent it: the call is its parent.
    const session =
      (await this.app.calls.find(callId)) ??
      (SID.test(form.ParentCallSid ?? '') ? await this.app.calls.find(form.ParentCallSid!) : undefined);
    if (session === undefined || session.networkId !== account.networkId) throw errors.notFound('call', callId);
    const bare = address.trim().replace(/^<|>$/g, '');
    // A SIP URI's user part may itself be a target's address (sip:+17605550123@carrier: a number).
    const user = /^sips?:([^@;?]+)@/.exec(bare)?.[1];
    const readings = [
      ...transferTargetsOf(this.settings.targets, bare),
      ...(user === undefined ? [] : transferTargetsOf(this.settings.targets, user)),
    ];
    const callbacks = this.callbacks(request, session.callId);
    const moved = session.transferred(Date.now(), readings);
    if (moved.applied === null) {
      this.log(
        'warn',
        `Twilio call ${session.callId}: a transfer to ${address} matches no queue, employee or external number of the network; the recording plan is unchanged${moved.problems.length > 0 ? ` (${moved.problems.join('; ')})` : ''}`,
      );
      const twiml = twimlToAddress(bare.split(/[;?]/)[0]!, callbacks);
      if (twiml === null)
        throw errors.validation(field, address, `${field}: ${JSON.stringify(address)} is not an address the call can be put through to.`);
      return twiml;
    }
    this.log('info', `Twilio call ${session.callId}: ${moved.applied.type} to ${address}`);
    this.app.calls.changed(session);
    await this.followQuietly(session, moved.applied.type === 'transferred_to_queue' || moved.applied.type === 'transferred_to_employee');
    return twimlTo(this.settings.targets, moved.target, callbacks);
  }

  /**
   * The call ended: logged once (L5). A call this edge never routed was routed by the provider
   * alone, with the fallback TwiML Switchboard wrote (B9): it is logged now, with that route.
   */
  private async onStatus(form: Form, account: TwilioCredentials): Promise<string> {
    const callId = required(form, 'CallSid');
    if (!ENDED.has(form.CallStatus ?? '')) return hangUpTwiml();
    const now = Date.now();
    const session = await this.app.calls.find(callId);
    // Only the account's own network's calls: another account cannot end them.
    if (session !== undefined && session.networkId !== account.networkId) return hangUpTwiml();
    if (session === undefined) {
      const to = numberOf(form.To, 'To');
      const seconds = Number(form.CallDuration);
      const routed =
        to === null
          ? undefined
          : await this.app.calls.failsafe({
              callId,
              from: callerOf(form),
              to,
              at: Number.isFinite(seconds) && seconds >= 0 ? now - seconds * 1000 : now,
              cause: 'provider_fallback',
              source: SOURCE,
              networkId: account.networkId,
            });
      if (routed !== undefined)
        this.log('warn', `Twilio call ${callId} to ${to} was routed by the provider's fallback; logged from its status callback`);
    }
    const ended = await this.app.calls.ended(callId, now);
    if (ended !== undefined) await this.media.end(callId);
    this.bases.delete(callId);
    return hangUpTwiml();
  }

  /**
   * R2: the provider's recording of a call is complete: stored as the call's recording, pointing at
   * the provider's media, with the plan's segments (the paused seconds are not in it: skip). It is
   * attached to the call's log entry, which the call's end writes; a callback that comes first
   * waits for it a little (10 s), on whichever node it reached.
   */
  private async onRecordingStatus(form: Form, account: TwilioCredentials): Promise<string> {
    const callId = required(form, 'CallSid');
    if (form.RecordingStatus !== 'completed') return hangUpTwiml();
    const recordingSid = required(form, 'RecordingSid');
    const mediaUrl = form.RecordingUrl ?? '';
    if (!/^https?:\/\/\S+$/.test(mediaUrl) || !mediaUrl.includes(recordingSid))
      throw errors.validation(
        'RecordingUrl',
        form.RecordingUrl ?? null,
        'RecordingUrl: must be the http(s) address of the recording named by RecordingSid.',
      );
    const seconds = Number(form.RecordingDuration);
    for (let waited = 0; ; waited += 500) {
      const logged = await loggedCall(this.app, account.networkId, SOURCE, callId);
      if (logged !== undefined) {
        await this.app.calls.saveRecording(account.networkId, {
          callLogId: logged.id,
          tenantId: logged.tenantId,
          sipCallId: callId,
          file: '',
          durationMs: Number.isFinite(seconds) && seconds >= 0 ? Math.round(seconds * 1000) : 0,
          segments: logged.segments,
          mediaUrl,
          consent: logged.consent,
          kind: logged.kind,
          caller: logged.from,
        });
        return hangUpTwiml();
      }
      if (waited >= 10_000) break;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    this.log('warn', `Twilio recording ${recordingSid} of call ${callId}: the call is not in the call log; the recording is not listed`);
    return hangUpTwiml();
  }

  /** The recording follows the plan; `transferred`: a transfer that ends it stops it (R9). */
  private followQuietly(session: CallSession, transferred = false): Promise<void> {
    return this.media.follow(session, transferred).catch((error: unknown) => {
      this.app.metrics.recordingControlFailures.inc();
      this.log('warn', `recording of Twilio call ${session.callId}: ${(error as Error).message}`);
    });
  }
}

function required(form: Form, field: string): string {
  const value = form[field];
  if (value === undefined || !SID.test(value))
    throw errors.validation(field, value ?? null, `${field}: must be a provider SID (two letters and 32 hexadecimal digits).`);
  return value;
}

/** A number the provider sends, parsed once; null when it is none (a client, a SIP address). */
function numberOf(value: string | undefined, field: string): E164 | null {
  try {
    return parsePhoneNumber(value, field);
  } catch {
    return null;
  }
}

/** The caller's number, once; an anonymous or unreadable caller id matches no exclusion. */
function callerOf(form: Form): E164 {
  try {
    return parsePhoneNumber(form.From, 'From');
  } catch {
    return ANONYMOUS;
  }
}
