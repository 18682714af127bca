/**
 * Each call's recording in rtpengine, made to follow its plan: started, stopped at a pause
 * (rtpengine 10.5 has no pause: a pause is a stop), started again. Commands go one at a time per
 * call; one that fails is tried once more, then the failure is kept (the audio is cut to the plan
 * at the end) and reported, so that a pause that did not happen never looks like one (R15).
 * B7: where the plan waits for the consent announcement, rtpengine plays it to the caller first;
 * once it has played (its length later), the call's edge is told, and the recording starts then.
 */
import type { CallSession } from '../../app/calls/call-session.js';
import type { CallRecorder } from './recording/call-recorder.js';

interface Media {
  /** What rtpengine was last told (null: not known here, a call taken over from another node). */
  recording: boolean | null;
  /** Recording commands in order, one at a time. */
  control: Promise<void>;
  /** rtpengine failed to take a command: the files may hold more than the plan (cut at the end). */
  controlFailed: boolean;
  /** B7: the consent announcement was asked of rtpengine (once a call, played or not). */
  announced: boolean;
  /** The caller's From tag (whom rtpengine plays the announcement to), when the edge heard it. */
  callerTag: string | null;
  /** The answering side's To tag (held back while the caller hears the announcement), when the edge heard it. */
  answererTag: string | null;
  /** B7: the announcement's timer, cleared when the call ends first. */
  timer: NodeJS.Timeout | null;
}

/** B7: what the edge plays before recording, and what it is told when that has played or could not be. */
export interface ConsentAnnouncer {
  /** The WAV file rtpengine reads. */
  readonly file: string;
  /** Its length (ms), for when rtpengine does not say. */
  readonly durationMs: number;
  /** The announcement has played to the caller of `session`. */
  played(session: CallSession): void;
  /** rtpengine could not do what the announcement needs (`problem`, in words). */
  failed(session: CallSession, problem: string): void;
}

export class MediaControl {
  private readonly calls = new Map<string, Media>();

  constructor(
    private readonly recorder: CallRecorder | null,
    /** B7: null when the edge plays no consent announcement. */
    private readonly announcer: ConsentAnnouncer | null = null,
  ) {}

  /** Whether this edge plays the consent announcement (and recording waits for it, B7). */
  get announces(): boolean {
    return this.recorder !== null && this.announcer !== null;
  }

  /** The call's tags, as the answer reported them: rtpengine plays the announcement to the caller, the answering side held back meanwhile. */
  tags(callId: string, caller: string | null, answerer: string | null): void {
    const media = this.mediaOf(callId);
    media.callerTag = caller;
    media.answererTag = answerer;
  }

  /** Tells rtpengine what the plan now says; rejects when it could not (after one retry). */
  follow(session: CallSession): Promise<void> {
    const media = this.mediaOf(session.callId);
    const step = media.control.then(async () => {
      if (this.recorder === null || !session.mediaUp || session.ended) return;
      if (session.announcementDue && !media.announced) await this.announce(session, media);
      const wanted = session.recordingWanted;
      if (wanted === media.recording) return;
      const send = () => (wanted ? this.recorder!.start(session.callId) : this.recorder!.stop(session.callId));
      await send()
        .catch(send)
        .catch((error: unknown) => {
          media.controlFailed = true;
          throw error;
        });
      media.recording = wanted;
    });
    media.control = step.catch(() => undefined);
    return step;
  }

  /**
   * B7: rtpengine plays the consent announcement to the caller, with what the answering side says
   * held back meanwhile (rtpengine 10.5 sends both otherwise); the edge hears when it has played
   * (its length later).
   */
  private async announce(session: CallSession, media: Media): Promise<void> {
    const announcer = this.announcer!;
    const recorder = this.recorder!;
    const { callId } = session;
    media.announced = true;
    const answerer = media.answererTag;
    const play = () => recorder.play(callId, media.callerTag, announcer.file);
    let ms: number | null;
    try {
      if (answerer !== null) await recorder.mute(callId, answerer, true);
      ms = await play().catch(play);
    } catch (error) {
      if (answerer !== null) void recorder.mute(callId, answerer, false).catch(() => undefined);
      announcer.failed(
        session,
        `rtpengine could not play the consent announcement (${(error as Error).message}); the call is not recorded`,
      );
      return;
    }
    media.timer = setTimeout(() => {
      media.timer = null;
      const unmuted = answerer === null ? Promise.resolve() : recorder.mute(callId, answerer, false);
      // Played either way; the answering side left muted is said, not hidden.
      void unmuted
        .catch((error: unknown) =>
          announcer.failed(session, `rtpengine could not let the answering side be heard again (${(error as Error).message})`),
        )
        .finally(() => announcer.played(session));
    }, ms ?? announcer.durationMs);
  }

  /** A call taken over from another node: what rtpengine was told is not known here, so the next step tells it again. */
  adopt(callId: string): void {
    this.mediaOf(callId).recording = null;
  }

  /** Another node took the call over: this node no longer drives its recording. */
  forget(callId: string): void {
    const timer = this.calls.get(callId)?.timer;
    if (timer !== undefined && timer !== null) clearTimeout(timer);
    this.calls.delete(callId);
  }

  /** The call is over (rtpengine closed its recording with the call): waits for commands under way. */
  async end(session: CallSession): Promise<{ controlFailed: boolean }> {
    const media = this.calls.get(session.callId);
    this.calls.delete(session.callId);
    if (media === undefined) return { controlFailed: false };
    if (media.timer !== null) clearTimeout(media.timer);
    await media.control;
    return { controlFailed: media.controlFailed };
  }

  private mediaOf(callId: string): Media {
    let media = this.calls.get(callId);
    if (media === undefined) {
      media = {
        recording: false,
        control: Promise.resolve(),
        controlFailed: false,
        announced: false,
        callerTag: null,
        answererTag: null,
        timer: null,
      };
      this.calls.set(callId, media);
    }
    return media;
  }
}
