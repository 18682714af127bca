/**
 * Issue 14: where a decision sends a call, as TwiML built by the official library's VoiceResponse
 * (no XML by hand). Each kind of target is mapped per deployment by a template
 * (SWITCHBOARD_TWILIO_TARGETS), as the SIP edge maps its URIs: `queue:<name>` puts the caller in a
 * provider queue (<Enqueue>), `client:<identity>` dials a Voice SDK client, a `sip:` URI a SIP
 * endpoint, anything else a number. `{id}` is the queue, employee or voice agent id, `{number}`
 * the number in E.164. Every <Dial> reports back: its `action` when it ends, each leg's
 * `statusCallback` when it is answered, so the call session hears of the answer, and its
 * `referUrl` when a SIP leg transfers the call (REFER).
 */
import twilio from 'twilio';
import type { TwilioTargets } from '../../config.js';
import { routeTargetOf, type RouteDecision, type RouteTarget } from '../../domain/decide-route.js';
import type { ContinuityStep } from '../../domain/continuity.js';

/** B6: the message in words, when no recording of it is served. */
const MESSAGE_WORDS = "We're sorry. We can't take your call right now. Please try again in a few minutes. Goodbye.";

const { VoiceResponse } = twilio.twiml;

/** Where the provider reports back: absolute URLs of this edge's callbacks. */
export interface Callbacks {
  /** <Dial action> and <Enqueue action>: the dialled leg (or the queue) is over. */
  readonly dialEnded: string;
  /** Each dialled leg's statusCallback: answered. */
  readonly legStatus: string;
  /** <Dial referUrl>: a SIP leg's REFER (the agent's phone transferred the call). */
  readonly refer: string;
  /** B6: a continuity destination's <Dial action>: its DialCallStatus moves the call along the chain. */
  readonly continuityNext: string;
  /** B6: the recorded message's address (<Play>), or null: <Say> says it. */
  readonly message: string | null;
  /** B7: the consent announcement's address (<Play>), or null: the edge plays none. */
  readonly consent: string | null;
}

/** What a template makes of a target: a verb and its text. */
export type Destination =
  { readonly verb: 'enqueue'; readonly name: string } | { readonly verb: 'client' | 'sip' | 'number'; readonly address: string };

export function destinationOf(targets: TwilioTargets, target: RouteTarget): Destination {
  return destinationAt(
    target.kind === 'number' ? targets.number.replace('{number}', target.number) : targets[target.kind].replace('{id}', target.id),
  );
}

/** What an address (a template's, or one a transfer named) is dialled as. */
function destinationAt(filled: string): Destination {
  if (filled.startsWith('queue:')) return { verb: 'enqueue', name: filled.slice('queue:'.length) };
  if (filled.startsWith('client:')) return { verb: 'client', address: filled.slice('client:'.length) };
  if (/^sips?:/.test(filled)) return { verb: 'sip', address: filled };
  return { verb: 'number', address: filled };
}

/**
 * Documents already built, by callbacks (one object per public address) and target: a document
 * depends on nothing else, and the library's builder costs more than the route's decision (P8).
 * Bounded: cleared when full.
 */
const built = new WeakMap<Callbacks, Map<string, string>>();
const BUILT_MAX = 10_000;
/**
 * The TwiML that sends the call where `route` says; a number no route takes is rejected. `announce`
 * (B7): the caller hears the consent announcement first (<Play>), before the call is put through
 * and so before anything is recorded.
 */
export function twimlFor(targets: TwilioTargets, route: RouteDecision, callbacks: Callbacks, announce = false): string {
  if (route.kind === 'continuity') return twimlForStep(targets, route.destination, route.noAnswerSeconds, callbacks, announce);
  const target = routeTargetOf(route);
  return target === null ? rejectTwiml() : twimlTo(targets, target, callbacks, null, announce);
}

/**
 * B6: a step of a continuity call: a destination dialled for its ring time, whose end
 * (`continuityNext`) moves the call on when it was not answered; or the recorded message, then
 * the end of the call.
 */
export function twimlForStep(
  targets: TwilioTargets,
  step: ContinuityStep,
  noAnswerSeconds: number,
  callbacks: Callbacks,
  announce = false,
): string {
  if (step.kind === 'message') {
    const response = new VoiceResponse();
    if (callbacks.message === null) response.say(MESSAGE_WORDS);
    else response.play(callbacks.message);
    response.hangup();
    return response.toString();
  }
  const target: RouteTarget =
    step.kind === 'voice_agent' ? { kind: 'voiceAgent', id: step.voiceAgentId } : { kind: 'number', number: step.number };
  return build(destinationOf(targets, target), callbacks, null, noAnswerSeconds, announce);
}

/** The TwiML that puts the call through to `target` (a route's, a transfer's), reporting back to `callbacks`. */
export function twimlTo(
  targets: TwilioTargets,
  target: RouteTarget,
  callbacks: Callbacks,
  callerId: string | null = null,
  announce = false,
): string {
  let documents = built.get(callbacks);
  if (documents === undefined) built.set(callbacks, (documents = new Map()));
  const key = `${announce ? 'announced:' : ''}${target.kind}:${target.kind === 'number' ? target.number : target.id}${callerId === null ? '' : `:${callerId}`}`;
  let document = documents.get(key);
  if (document === undefined) {
    document = build(destinationOf(targets, target), callbacks, callerId, null, announce);
    if (documents.size >= BUILT_MAX) documents.clear();
    documents.set(key, document);
  }
  return document;
}

/**
 * A transfer to an address no template makes (a SIP URI elsewhere, a number the network does not
 * know): put through as the agent asked, when it is one the provider can dial; null otherwise.
 */
export function twimlToAddress(address: string, callbacks: Callbacks): string | null {
  if (!/^(queue:|client:)[\w.@+-]+$|^sips?:\S+$|^\+[1-9]\d{6,14}$/.test(address)) return null;
  return build(destinationAt(address), callbacks);
}

/**
 * B9 for a provider: the TwiML the provider's fallback URL serves for a number's call while
 * Switchboard cannot answer, the route it would give (the SIP edge's failsafe table's). It reports
 * back to no one (Switchboard is what is down); the number's status callback logs the call later.
 */
export function fallbackTwimlFor(targets: TwilioTargets, route: RouteDecision): string | null {
  const target = routeTargetOf(route);
  return target === null ? null : build(destinationOf(targets, target), null);
}

/**
 * `callerId`: the number the callee sees (a call an employee places: their direct line).
 * `ringSeconds` (B6): a continuity destination rings that long, and its end reports to `continuityNext`.
 * `announce` (B7): the consent announcement plays first.
 */
function build(
  destination: Destination,
  callbacks: Callbacks | null,
  callerId: string | null = null,
  ringSeconds: number | null = null,
  announce = false,
): string {
  const response = new VoiceResponse();
  if (announce && callbacks !== null && callbacks.consent !== null) response.play(callbacks.consent);
  if (destination.verb === 'enqueue') {
    response.enqueue(callbacks === null ? {} : { action: callbacks.dialEnded, method: 'POST' }, destination.name);
    return response.toString();
  }
  const dial = response.dial({
    ...(callbacks === null
      ? { answerOnBridge: true }
      : {
          action: ringSeconds === null ? callbacks.dialEnded : callbacks.continuityNext,
          method: 'POST',
          answerOnBridge: true,
          referUrl: callbacks.refer,
          referMethod: 'POST',
        }),
    ...(ringSeconds === null ? {} : { timeout: ringSeconds }),
    ...(callerId === null ? {} : { callerId }),
  });
  const leg =
    callbacks === null
      ? {}
      : { statusCallback: callbacks.legStatus, statusCallbackEvent: ['answered'] as ['answered'], statusCallbackMethod: 'POST' };
  if (destination.verb === 'client') dial.client(leg, destination.address);
  else if (destination.verb === 'sip') dial.sip(leg, destination.address);
  else dial.number(leg, destination.address);
  return response.toString();
}

const REJECT = (() => {
  const response = new VoiceResponse();
  response.reject({ reason: 'rejected' });
  return response.toString();
})();
const HANG_UP = (() => {
  const response = new VoiceResponse();
  response.hangup();
  return response.toString();
})();

/** A call whose number is not one of the account's network: refused, never put through. */
export function rejectTwiml(): string {
  return REJECT;
}

/** What ends the call when a dialled leg is over: nothing more to do. */
export function hangUpTwiml(): string {
  return HANG_UP;
}

/**
 * Who a dialled leg's `To` is, read back through the templates: a Voice SDK client's identity is
 * an employee id (`client:emp-ana`); an address the voice-agent template makes is that voice agent.
 */
export function answererOf(targets: TwilioTargets, to: string | undefined): { employeeId: string } | { voiceAgentId: string } | null {
  if (to === undefined) return null;
  if (to.startsWith('client:')) return { employeeId: to.slice('client:'.length) };
  const [before, after] = targets.voiceAgent.split('{id}') as [string, string];
  if (to.length > before.length + after.length && to.startsWith(before) && to.endsWith(after))
    return { voiceAgentId: to.slice(before.length, to.length - after.length) };
  return null;
}
