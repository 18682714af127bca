/**
 * The built-in demo network: what `switchboard test-call` scenarios can name with
 * `"network": "demo"`, and what the server seeds. It covers every case an administrator asks
 * about: a tenant in continuity (with an exception), one whose voice-agent default has no usable
 * agent (C9), one not live on the contact center (C10), queues with default and custom settings,
 * employees with direct lines and custom settings, a non-contact-center user, an exclusion list
 * with numbers, an employee's direct line and area codes.
 */
import { DEFAULT_RECORDING_DEFAULTS, type NetworkData } from '../../domain/model.js';
import { asE164, type AreaCode } from '../../domain/phone-number.js';

const n = (number: string) => asE164(number);

export const DEMO_NETWORK: NetworkData = {
  network: { id: 'summit', name: 'Summit Home Services', version: 1 },
  recordingDefaults: {
    ...DEFAULT_RECORDING_DEFAULTS,
    individual: {
      inbound: { mode: 'automatic', announcement: 'prompt_agent' },
      outbound: { mode: 'manual', announcement: 'none' },
    },
    transfer: { toQueue: 'keep_original', toEmployee: 'follow_destination' },
  },
  tenants: [
    {
      id: 'sunrise-plumbing',
      name: 'Sunrise Plumbing',
      timeZone: 'America/Los_Angeles',
      contactCenterActive: true,
      voiceAgentsEnabled: { contactCenter: true, core: true },
      coreRecording: { inbound: 'automatic', outbound: 'automatic' },
      continuity: { enabled: false, defaultDestination: { kind: 'voice_agent' } },
    },
    {
      id: 'coastal-hvac',
      name: 'Coastal HVAC',
      timeZone: 'America/Los_Angeles',
      contactCenterActive: true,
      voiceAgentsEnabled: { contactCenter: false, core: false },
      coreRecording: { inbound: 'automatic', outbound: 'on_demand' },
      continuity: { enabled: true, defaultDestination: { kind: 'external_number', number: n('+18582041100') } },
    },
    {
      id: 'peak-electric',
      name: 'Peak Electric',
      timeZone: 'America/Los_Angeles',
      contactCenterActive: true,
      // Enabled in the contact center only: the voice-agent default cannot be used (C5, C9).
      voiceAgentsEnabled: { contactCenter: true, core: false },
      coreRecording: { inbound: 'on_demand', outbound: 'on_demand' },
      continuity: { enabled: false, defaultDestination: { kind: 'voice_agent' } },
    },
    {
      id: 'harbor-roofing',
      name: 'Harbor Roofing',
      timeZone: 'America/Los_Angeles',
      // Not live on the contact center yet: Turn On For All leaves it off unless included (C10).
      contactCenterActive: false,
      voiceAgentsEnabled: { contactCenter: false, core: false },
      coreRecording: { inbound: 'never', outbound: 'never' },
      continuity: { enabled: false, defaultDestination: { kind: 'external_number', number: n('+19493017000') } },
    },
  ],
  trackingNumbers: [
    {
      id: 'tn-sunrise-main',
      tenantId: 'sunrise-plumbing',
      number: n('+16198675301'),
      workflow: { kind: 'queue', queueId: 'q-service' },
      continuityNumber: null,
    },
    {
      id: 'tn-sunrise-billing',
      tenantId: 'sunrise-plumbing',
      number: n('+16198675302'),
      workflow: { kind: 'queue', queueId: 'q-billing' },
      continuityNumber: null,
    },
    {
      id: 'tn-sunrise-after-hours',
      tenantId: 'sunrise-plumbing',
      number: n('+16198675303'),
      workflow: { kind: 'voice_agent', voiceAgentId: 'va-sunrise-bo' },
      continuityNumber: n('+16199402200'),
    },
    {
      id: 'tn-coastal-main',
      tenantId: 'coastal-hvac',
      number: n('+18588675401'),
      workflow: { kind: 'queue', queueId: 'q-service' },
      continuityNumber: null,
    },
    {
      id: 'tn-coastal-dana',
      tenantId: 'coastal-hvac',
      number: n('+18588675402'),
      workflow: { kind: 'employee', employeeId: 'emp-dana' },
      continuityNumber: null,
    },
    {
      id: 'tn-coastal-commercial',
      tenantId: 'coastal-hvac',
      number: n('+18588675403'),
      workflow: { kind: 'queue', queueId: 'q-sales' },
      continuityNumber: n('+18582041199'),
    },
    {
      id: 'tn-peak-main',
      tenantId: 'peak-electric',
      number: n('+17608675501'),
      workflow: { kind: 'queue', queueId: 'q-service' },
      continuityNumber: null,
    },
    {
      id: 'tn-peak-forward',
      tenantId: 'peak-electric',
      number: n('+17608675502'),
      workflow: { kind: 'external_number', number: n('+17603014000') },
      continuityNumber: null,
    },
    {
      id: 'tn-harbor-main',
      tenantId: 'harbor-roofing',
      number: n('+19498675601'),
      workflow: { kind: 'queue', queueId: 'q-sales' },
      continuityNumber: null,
    },
  ],
  queues: [
    { id: 'q-service', name: 'Service', customRecording: null },
    { id: 'q-billing', name: 'Billing', customRecording: { mode: 'manual', announcement: 'none' } },
    { id: 'q-sales', name: 'Sales', customRecording: null },
    { id: 'q-dispatch', name: 'Dispatch', customRecording: { mode: 'always', announcement: 'prompt_agent' } },
  ],
  employees: [
    {
      id: 'emp-ana',
      name: 'Ana Reyes',
      contactCenterUser: true,
      directLine: n('+16198675701'),
      homeTenantId: 'sunrise-plumbing',
      customRecording: null,
    },
    {
      id: 'emp-ben',
      name: 'Ben Okafor',
      contactCenterUser: true,
      directLine: n('+16198675702'),
      homeTenantId: 'sunrise-plumbing',
      customRecording: { inbound: { mode: 'never', announcement: 'none' }, outbound: { mode: 'always', announcement: 'prompt_agent' } },
    },
    // Carla's direct line is on the exclusion list (R10 for her personal calls, R11 for queue calls).
    {
      id: 'emp-carla',
      name: 'Carla Nguyen',
      contactCenterUser: true,
      directLine: n('+18588675703'),
      homeTenantId: 'coastal-hvac',
      customRecording: null,
    },
    { id: 'emp-dana', name: 'Dana Fox', contactCenterUser: true, directLine: null, homeTenantId: 'coastal-hvac', customRecording: null },
    // Works in Peak Electric's core platform only (L1a).
    {
      id: 'emp-eli',
      name: 'Eli Brooks',
      contactCenterUser: false,
      directLine: n('+17608675705'),
      homeTenantId: 'peak-electric',
      customRecording: null,
    },
  ],
  voiceAgents: [
    { id: 'va-sunrise-ava', tenantId: 'sunrise-plumbing', name: 'Ava (bookings)', createdAt: '2025-03-01T09:00:00Z', enabled: true },
    { id: 'va-sunrise-bo', tenantId: 'sunrise-plumbing', name: 'Bo (after hours)', createdAt: '2025-09-10T09:00:00Z', enabled: true },
    { id: 'va-peak-1', tenantId: 'peak-electric', name: 'Peak assistant', createdAt: '2025-05-20T09:00:00Z', enabled: true },
  ],
  exclusions: {
    numbers: [n('+14158675309'), n('+18588675703'), n('+16198679999')],
    areaCodes: ['212', '907'] as AreaCode[],
  },
};
