import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../api.js';
import { DIALECTS } from '../stores.js';

const url = '/api/networks/summit/agent/simulated-call';
const queueCall = { direction: 'inbound', from: '(415) 867-2200', to: '(619) 867-5301' };

describe.each(DIALECTS)('the agent console on %s', (dialect) => {
  let api: TestApi;
  beforeEach(async () => {
    api = await startTestApi(dialect);
  });
  afterEach(async () => api.close());

  it('R4 R15 a simulated call is decided by the decision core after each event; the payment screen pauses it', async () => {
    const events = [
      { type: 'connected', at: 0 },
      { type: 'answered', at: 2, employeeId: 'emp-ana' },
    ];
    const answered = await api.as('agent', { method: 'POST', url, payload: { call: queueCall, events } });
    expect(answered.statusCode).toBe(200);
    expect(answered.json()).toMatchObject({ plan: { agentMay: 'stop', announcement: 'prompt_agent', ended: false }, loggedCallId: null });
    const paying = await api.as('agent', {
      method: 'POST',
      url,
      payload: { call: queueCall, events: [...events, { type: 'payment_opened', at: 9 }] },
    });
    expect(paying.json().plan.moments.at(-1)).toMatchObject({ recording: 'paused', why: { rule: 'R15' } });
  });

  it('L5 a simulated call that hangs up is logged as simulated, with its reasons', async () => {
    const events = [
      { type: 'connected', at: 0 },
      { type: 'answered', at: 2, employeeId: 'emp-ana' },
      { type: 'hangup', at: 30 },
    ];
    const ended = await api.as('agent', { method: 'POST', url, payload: { call: queueCall, events } });
    const id = ended.json().loggedCallId as string;
    expect(id).toEqual(expect.any(String));
    const calls = (await api.as('admin', { method: 'GET', url: '/api/networks/summit/calls' })).json().calls;
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ id, tenantId: 'sunrise-plumbing', source: 'simulated', segments: [{ start: 2, end: 30 }] });
    expect(calls[0].reasons.map((r: { rule: string }) => r.rule)).toContain('R4');
  });

  it('only agents and network administrators use the console; bad events are refused naming the field', async () => {
    const events = [{ type: 'connected', at: 0 }];
    expect((await api.as('tenantAdmin', { method: 'POST', url, payload: { call: queueCall, events } })).statusCode).toBe(403);
    expect((await api.as('admin', { method: 'POST', url, payload: { call: queueCall, events } })).statusCode).toBe(200);
    const bad = await api.as('agent', {
      method: 'POST',
      url,
      payload: {
        call: queueCall,
        events: [
          { type: 'connected', at: 0 },
          { type: 'answered', at: 1, employeeId: 'emp-ana' },
          { type: 'answered', at: 2, employeeId: 'emp-ana' },
        ],
      },
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error.field).toBe('events[2].type');
    const none = await api.as('agent', { method: 'POST', url, payload: { call: queueCall, events: [] } });
    expect(none.json().error).toMatchObject({ code: 'invalid_value', field: 'body.events' });
  });

  it('agents see the numbers calls come in on for every tenant, without their settings; the directory shows them nothing', async () => {
    const numbers = (await api.as('agent', { method: 'GET', url: '/api/networks/summit/agent/numbers' })).json().numbers;
    expect(new Set(numbers.map((n: { tenantId: string }) => n.tenantId))).toEqual(
      new Set(['sunrise-plumbing', 'coastal-hvac', 'peak-electric', 'harbor-roofing']),
    );
    expect(numbers[0]).toEqual({
      number: expect.stringMatching(/^\+1\d{10}$/),
      tenantId: expect.any(String),
      tenantName: expect.any(String),
    });
    expect((await api.as('agent', { method: 'GET', url: '/api/networks/summit/tracking-numbers' })).json().trackingNumbers).toEqual([]);
    expect((await api.as('tenantAdmin', { method: 'GET', url: '/api/networks/summit/agent/numbers' })).statusCode).toBe(403);
  });

  it('a simulated event later than a working day is refused, naming the field', async () => {
    const late = await api.as('agent', {
      method: 'POST',
      url,
      payload: {
        call: queueCall,
        events: [
          { type: 'connected', at: 0 },
          { type: 'hangup', at: 1e12 },
        ],
      },
    });
    expect(late.statusCode).toBe(422);
    expect(late.json().error.field).toBe('body.events.1.at');
  });
});
