import { describe, expect, it } from 'vitest';
import { parseSipTargets } from '../config.js';
import { targetsOf, transferTargetsOf } from './target-templates.js';

const { targets } = parseSipTargets(
  JSON.stringify({
    queue: 'sip:queue-{id}@acd.example:5070',
    employee: 'sip:{id}@acd.example:5070',
    voiceAgent: 'sip:{id}@va.example',
    number: 'sip:{number}@gw.example;user=phone',
  }),
);

describe("targetsOf: a transfer's target read back through the SIP targets (R9, R14)", () => {
  it('reads every template the URI fits, queue before employee, ignoring brackets, parameters and headers', () => {
    expect(targetsOf(targets!, '<sip:queue-q-billing@acd.example:5070;transport=udp>')).toEqual([
      { kind: 'queue', value: 'q-billing' },
      { kind: 'employee', value: 'queue-q-billing' },
    ]);
    expect(targetsOf(targets!, 'sip:emp-ben@acd.example:5070?Replaces=abc')).toEqual([{ kind: 'employee', value: 'emp-ben' }]);
    expect(targetsOf(targets!, 'sip:va-1@va.example')).toEqual([{ kind: 'voiceAgent', value: 'va-1' }]);
  });

  it('R14 reads an external number from the number template or a tel: URI', () => {
    expect(targetsOf(targets!, 'sip:+17605550123@gw.example')).toEqual([{ kind: 'number', value: '+17605550123' }]);
    expect(targetsOf(targets!, 'tel:+17605550123')).toEqual([{ kind: 'number', value: '+17605550123' }]);
  });

  it('reads nothing from a URI no template produced', () => {
    expect(targetsOf(targets!, 'sip:someone@elsewhere.example')).toEqual([]);
    expect(targetsOf(targets!, 'sip:q1@acd.example:5071')).toEqual([]);
  });
});

describe("transferTargetsOf: the Twilio edge's addresses read back (R9, R14)", () => {
  const twilio = { queue: 'queue:{id}', employee: 'client:{id}', voiceAgent: 'sip:{id}@va.example', number: '{number}' };

  it('reads a queue, a Voice SDK client, a voice agent and a number (parsed once, here)', () => {
    expect(transferTargetsOf(twilio, 'queue:q-billing')).toEqual([{ kind: 'queue', id: 'q-billing' }]);
    expect(transferTargetsOf(twilio, 'client:emp-ben')).toEqual([{ kind: 'employee', id: 'emp-ben' }]);
    expect(transferTargetsOf(twilio, 'sip:va-1@va.example')).toEqual([{ kind: 'voiceAgent', id: 'va-1' }]);
    expect(transferTargetsOf(twilio, '+17605550123')).toEqual([{ kind: 'number', number: '+17605550123' }]);
  });

  it('drops a reading that is not a number where a number is meant', () => {
    expect(transferTargetsOf(twilio, 'sales')).toEqual([]);
  });
});
