/** The words administrators know from the product pages (../shared/seeds/). */
import parsePhoneNumberFromString from 'libphonenumber-js/min';
import type { Announcement, ContinuityStatus, RecordingMode } from '../api/types';

export const MODE_LABELS: Record<RecordingMode, string> = {
  always: 'Always Record',
  automatic: 'Automatically Record',
  manual: 'Manually Record',
  never: 'Never Record',
};

export const MODE_HELP: Record<RecordingMode, string> = {
  always: 'Recording starts automatically when the call connects, and the agent cannot turn it off.',
  automatic: 'Recording starts automatically when the call connects, but the agent has the option to turn it off.',
  manual: 'Recording does not start automatically; the agent can manually start and stop it as needed.',
  never: 'Recording is completely disabled, and the agent cannot enable it manually.',
};

export const ANNOUNCEMENT_LABELS: Record<Announcement, string> = {
  prompt_agent: 'Prompt employees to announce recording status',
  none: 'Never announce recording status',
};

export const ANNOUNCEMENT_HELP: Record<Announcement, string> = {
  prompt_agent:
    'The system does not announce recording, but prompts the agent to inform the caller: the record button warns that a recording announcement may be legally required.',
  none: 'The system does not announce recording or prompt the agent to mention it.',
};

export const TRANSFER_LABELS = {
  keep_original: "Continue to follow call's original recording status after transfer",
  follow_destination: 'Change to recording settings of the transfer destination',
} as const;

export const CONNECTED_MODE_LABELS = { always: 'Always Record', automatic: 'Automatically Record' } as const;

export const CORE_RECORDING_LABELS = { automatic: 'Automatic', on_demand: 'On demand', never: 'Never' } as const;

/**
 * A number as people read it: +16198675309 as (619) 867-5309, a number outside NANP in its
 * international form (+44 20 7946 0958); anything else as given.
 */
export function formatNumber(e164: string | null | undefined): string {
  if (e164 === null || e164 === undefined) return '';
  const nanp = /^\+1(\d{3})(\d{3})(\d{4})$/.exec(e164);
  if (nanp !== null) return `(${nanp[1]}) ${nanp[2]}-${nanp[3]}`;
  if (!/^\+[1-9]\d{6,14}$/.test(e164)) return e164;
  return parsePhoneNumberFromString(e164)?.formatInternational() ?? e164;
}

type Problem = ContinuityStatus['tenants'][number]['problems'][number];

/** C9, C10: why a tenant is not safe to switch on, in words. */
export function problemText(problem: Problem): string {
  if (problem.kind === 'not_contact_center_active') return 'Not live in the contact center';
  const numbers = 'numbers' in problem && Array.isArray(problem.numbers) ? (problem.numbers as string[]) : [];
  return `No valid continuity destination for ${numbers.map(formatNumber).join(', ')}`;
}
