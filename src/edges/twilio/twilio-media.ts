/**
 * Issue 14: each Twilio call's recording made to follow its plan through the provider's REST API,
 * with the official client (its API base URL configurable: SWITCHBOARD_TWILIO_API_URL). Started
 * dual-channel when the plan first records, paused with PauseBehavior=skip (the paused seconds are
 * not in the recording: R4, R15) and resumed. Commands go one at a time per call; one that fails
 * is reported (the agent is told to pause by hand), never shown as done.
 */
import twilio from 'twilio';
import type { CallSession } from '../../app/calls/call-session.js';
import type { TwilioCredentials } from '../../app/queries/twilio.queries.js';

type Client = ReturnType<typeof twilio>;

interface Media {
  /** What the provider was last told (null: not known here, a call taken over from another node). */
  recording: boolean | null;
  /** A recording exists (started once): later changes are updates of the current one. */
  started: boolean;
  control: Promise<void>;
}

export class TwilioMedia {
  private readonly calls = new Map<string, Media>();
  private readonly clients = new Map<string, { token: string; client: Client }>();

  constructor(
    private readonly apiUrl: string,
    /** The account of the network a call belongs to. */
    private readonly credentialsOf: (networkId: string) => Promise<TwilioCredentials | undefined>,
    /** Where the provider reports a call's finished recording (null: nowhere known). */
    private readonly recordingCallbackOf: (callId: string) => string | null,
  ) {}

  /**
   * Tells the provider what the plan now says; rejects when it could not. After a transfer
   * (`transferred`) a recording the plan ends is stopped, not paused (R9): a later one is new.
   */
  follow(session: CallSession, transferred = false): Promise<void> {
    const media = this.mediaOf(session);
    const step = media.control.then(async () => {
      if (!session.mediaUp || session.ended) return;
      const wanted = session.recordingWanted;
      if (wanted === media.recording) return;
      const credentials = await this.credentialsOf(session.networkId);
      if (credentials === undefined) throw new Error(`no provider account for network ${session.networkId}`);
      const call = this.client(credentials).calls(session.callId);
      if (wanted && !media.started) {
        const callback = this.recordingCallbackOf(session.callId);
        await call.recordings.create({
          recordingChannels: 'dual',
          recordingTrack: 'both',
          ...(callback === null
            ? {}
            : { recordingStatusCallback: callback, recordingStatusCallbackEvent: ['completed'], recordingStatusCallbackMethod: 'POST' }),
        });
        media.started = true;
      } else if (media.started) {
        // Twilio.CURRENT: the call's recording in progress, whichever node started it.
        await call
          .recordings('Twilio.CURRENT')
          .update(wanted ? { status: 'in-progress' } : transferred ? { status: 'stopped' } : { status: 'paused', pauseBehavior: 'skip' });
        if (!wanted && transferred) media.started = false;
      }
      media.recording = wanted;
    });
    media.control = step.catch(() => undefined);
    return step;
  }

  /** A call taken over from another node: the next step tells the provider again. */
  adopt(session: CallSession): void {
    const media = this.mediaOf(session);
    media.recording = null;
    media.started = session.plan().segments.length > 0;
  }

  /** The call is over (the provider ends its recording with it). */
  async end(callId: string): Promise<void> {
    const media = this.calls.get(callId);
    this.calls.delete(callId);
    await media?.control;
  }

  /**
   * B10: deletes a recording the provider holds (by its media URL's recording sid); one the
   * provider no longer has (404) is already deleted.
   */
  async deleteRecording(networkId: string, mediaUrl: string): Promise<void> {
    const match = /\/Accounts\/(AC\w+)\/Recordings\/(RE\w+)/.exec(mediaUrl);
    if (match === null) throw new Error(`${mediaUrl} names no provider recording (…/Accounts/AC…/Recordings/RE…)`);
    const account = match[1]!;
    const sid = match[2]!;
    const credentials = await this.credentialsOf(networkId);
    if (credentials === undefined) throw new Error(`no provider account for network ${networkId}`);
    // A 404 means deleted only when asked of the account that holds it: the network's account now.
    if (credentials.accountSid !== account)
      throw new Error(
        `the recording is held by account ${account}, and the network's account is now ${credentials.accountSid}: delete it there`,
      );
    try {
      await this.client(credentials).api.v2010.accounts(account).recordings(sid).remove();
    } catch (error) {
      if ((error as { status?: number }).status !== 404) throw error;
    }
  }

  private mediaOf(session: CallSession): Media {
    let media = this.calls.get(session.callId);
    if (media === undefined) {
      media = { recording: false, started: false, control: Promise.resolve() };
      this.calls.set(session.callId, media);
    }
    return media;
  }

  private client(credentials: TwilioCredentials): Client {
    const known = this.clients.get(credentials.accountSid);
    if (known !== undefined && known.token === credentials.authToken) return known.client;
    const client = twilio(credentials.accountSid, credentials.authToken);
    client.api.baseUrl = this.apiUrl;
    this.clients.set(credentials.accountSid, { token: credentials.authToken, client });
    return client;
  }
}
