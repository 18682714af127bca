/** Test calls on the demo network that show the main rules at work: what `switchboard demo` runs. */
export const DEMO_SCENARIOS: readonly unknown[] = [
  {
    name: 'A customer calls Sunrise Plumbing; Ana answers in the Service queue and takes a card payment',
    network: 'demo',
    call: { direction: 'inbound', from: '(619) 867-5309', to: '(619) 867-5301' },
    events: [
      { type: 'connected', at: 0 },
      { type: 'answered', at: 8, employeeId: 'emp-ana' },
      { type: 'payment_opened', at: 60 },
      { type: 'payment_closed', at: 95 },
      { type: 'hangup', at: 140 },
    ],
  },
  {
    name: 'Coastal HVAC is in Call Continuity: its main number goes to the answering service',
    network: 'demo',
    call: { direction: 'inbound', from: '+1 619 867 5309', to: '858.867.5401' },
    events: [
      { type: 'connected', at: 0 },
      { type: 'hangup', at: 75 },
    ],
  },
  {
    name: 'A caller from an excluded area code reaches the Service queue: not recorded, the button says why',
    network: 'demo',
    call: { direction: 'inbound', from: '(212) 867-4000', to: '(619) 867-5301' },
    events: [
      { type: 'connected', at: 0 },
      { type: 'answered', at: 5, employeeId: 'emp-ana' },
      { type: 'agent_start', at: 20 },
      { type: 'hangup', at: 90 },
    ],
  },
];
