/**
 * Each call's recording in rtpengine, made to follow its plan: started, stopped at a pause
 * (rtpengine 10.5 has no pause: a pause is a stop), started again. Commands go one at a time per
 * call; one that fails is tried once more, then the failure is kept (the audio is cut to the plan
 * at the end) and reported, so that a pause that did not happen never looks like one (R15).
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
}

export class MediaControl {
  private readonly calls = new Map<string, Media>();

  constructor(private readonly recorder: CallRecorder | null) {}

  /** Tells rtpengine what the plan now says; rejects when it could not (after one retry). */
  follow(session: CallSession): Promise<void> {
    const media = this.mediaOf(session.callId);
    const step = media.control.then(async () => {
      if (this.recorder === null || !session.mediaUp || session.ended) return;
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

  /** A call taken over from another node: what rtpengine was told is not known here, so the next step tells it again. */
  adopt(callId: string): void {
    this.mediaOf(callId).recording = null;
  }

  /** Another node took the call over: this node no longer drives its recording. */
  forget(callId: string): void {
    this.calls.delete(callId);
  }

  /** The call is over (rtpengine closed its recording with the call): waits for commands under way. */
  async end(session: CallSession): Promise<{ controlFailed: boolean }> {
    const media = this.calls.get(session.callId);
    this.calls.delete(session.callId);
    if (media === undefined) return { controlFailed: false };
    await media.control;
    return { controlFailed: media.controlFailed };
  }

  private mediaOf(callId: string): Media {
    let media = this.calls.get(callId);
    if (media === undefined) {
      media = { recording: false, control: Promise.resolve(), controlFailed: false };
      this.calls.set(callId, media);
    }
    return media;
  }
}
