/**
 * Records real calls through rtpengine and keeps one WAV per call. rtpengine 10.5 writes a pcap
 * per recorded segment, named after the SIP Call-ID, into its recording folder; when the call
 * ends they are joined in order into `<data>/recordings/<call log id>.wav` (paused time absent),
 * listed with the plan's segments, and the pcaps removed.
 */
import { readdir, rm, stat } from 'node:fs/promises';
import { privateDir } from '../../../shared/private-files.js';
import { join } from 'node:path';
import type { Application } from '../../../app/application.js';
import { saveRecording } from '../../../app/calls/recordings.js';
import type { NgClient } from '../rtpengine/ng-client.js';
import { SAMPLE_RATE } from './call-audio.js';
import { WavJoiner } from './wav-joiner.js';
import type { ConsentStamp } from '../../../domain/consent.js';
import type { RecordingKind } from '../../../domain/retention.js';

export interface FinishedCall {
  readonly networkId: string;
  readonly callLogId: string;
  readonly tenantId: string | null;
  readonly sipCallId: string;
  readonly segments: readonly { start: number; end: number | null }[];
  /**
   * Set when rtpengine failed to take a recording command: the call's start (epoch ms), so the
   * audio is cut to the plan's segments by capture time instead of trusting the files.
   */
  readonly cutFrom?: number;
  /** B7: the consent given (stamped on the recording). */
  readonly consent: ConsentStamp | null;
  /** B10: what its tenant's retention goes by, and the caller (holds on a caller). */
  readonly kind: RecordingKind;
  readonly caller: string | null;
}

export class CallRecorder {
  private readonly joiner = new WavJoiner();

  constructor(
    private readonly ng: NgClient,
    /** Where rtpengine writes its pcaps (its --recording-dir). */
    private readonly pcapDir: string,
    private readonly app: Application,
    /** Where the WAVs are kept. */
    private readonly outDir: string,
  ) {}

  start(callId: string): Promise<unknown> {
    return this.ng.startRecording(callId);
  }

  stop(callId: string): Promise<unknown> {
    return this.ng.stopRecording(callId);
  }

  /** B7: plays `file` to the caller (`fromTag`: the caller's From tag); resolves with its length in ms, when rtpengine says. */
  play(callId: string, fromTag: string | null, file: string): Promise<number | null> {
    return this.ng.playMedia(callId, fromTag, file);
  }

  /** B7: silences (or lets through again) what the answering party (`toTag`) sends, while the caller hears the announcement. */
  mute(callId: string, toTag: string, muted: boolean): Promise<void> {
    return this.ng.blockMedia(callId, toTag, muted);
  }

  /** The calls rtpengine has now. */
  activeCalls(): Promise<Set<string>> {
    return this.ng.activeCalls();
  }

  /** When the call's audio was last written (its pcaps' last change, epoch ms); null when it has none. */
  async lastPacketAt(callId: string): Promise<number | null> {
    const times = await Promise.all((await this.pcapsOf(callId)).map(async (path) => (await stat(path)).mtimeMs));
    return times.length === 0 ? null : Math.max(...times);
  }

  /** Joins the call's pcaps into its WAV and lists it; a call with no pcap has no recording. */
  async finish(call: FinishedCall): Promise<string | null> {
    // rtpengine closes a segment's file when recording stops; give the last one a moment.
    await new Promise((resolve) => setTimeout(resolve, 250));
    const files = await this.pcapsOf(call.sipCallId);
    if (files.length === 0) return null;
    await privateDir(this.outDir);
    const file = join(this.outDir, `${call.callLogId}.wav`);
    const keep =
      call.cutFrom === undefined
        ? undefined
        : call.segments.map((segment) => ({
            from: call.cutFrom! / 1000 + segment.start,
            to: call.cutFrom! / 1000 + (segment.end ?? Infinity),
          }));
    const bytes = await this.joiner.join(files, file, keep, this.app.recordingKey ?? undefined);
    const id = await saveRecording(this.app, call.networkId, {
      callLogId: call.callLogId,
      tenantId: call.tenantId,
      sipCallId: call.sipCallId,
      file,
      durationMs: Math.round(((bytes - 44) / 2 / SAMPLE_RATE) * 1000),
      segments: call.segments,
      consent: call.consent,
      kind: call.kind,
      caller: call.caller,
    });
    await Promise.all(files.map((path) => rm(path, { force: true })));
    return id;
  }

  close(): Promise<number> | undefined {
    return this.joiner.close();
  }

  /**
   * Exactly `<call-id, url-escaped>-<hex>.pcap`, in the folder or its pcaps/ subfolder: the name is
   * unescaped and compared whole, so call `X` never takes call `X-Y`'s audio.
   */
  private async pcapsOf(callId: string): Promise<string[]> {
    const found: string[] = [];
    for (const dir of [this.pcapDir, join(this.pcapDir, 'pcaps')]) {
      const names = await readdir(dir).catch(() => [] as string[]);
      for (const name of names) {
        const match = /^(.+)-[0-9a-f]+\.pcap$/.exec(name);
        if (match === null || safeDecode(match[1]!) !== callId) continue;
        if ((await stat(join(dir, name))).isFile()) found.push(join(dir, name));
      }
    }
    return found;
  }
}

function safeDecode(text: string): string | null {
  try {
    return decodeURIComponent(text);
  } catch {
    return null;
  }
}
