/** Contact-center recording settings: every user of the network reads them; R17 guards changes. */
import { hasNetworkPermission, inNetwork, type Actor } from './actor.js';

export type RecordingAction = 'view' | 'edit';

export function can(actor: Actor, action: RecordingAction, subject: { networkId: string }): boolean {
  return action === 'view'
    ? inNetwork(actor, subject.networkId)
    : hasNetworkPermission(actor, subject.networkId, 'edit_call_recording_settings');
}
