/**
 * The agent console on a real call: Kamailio, rtpengine and sipp (the SIP tests' harness), the
 * agent in Chromium. What the agent clicks reaches rtpengine: the stored WAV has two segments.
 */
import { expect, test } from '@playwright/test';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { wavSamples } from '../../src/edges/sip/recording/call-audio.js';
import { Answerer, callWithAudio, PORTS, Switchboard, Telephony } from '../sip/sip-harness.js';
import { tonePcap } from '../sip/tones.js';

test('I R4 R15 B8 B10 the agent console acts on a real call: Charge Credit Card pauses the recording (the console counts down to the end of the longest pause and warns in its last minute), closing it resumes; the administrator listens to it from the call log, audited', async ({
  page,
}) => {
  test.setTimeout(150_000);
  const telephony = new Telephony();
  telephony.up();
  const switchboard = new Switchboard(telephony);
  const queue = new Answerer(telephony.dir, PORTS.queue, 'emp-ana');
  try {
    await switchboard.start();
    // B8: Sunrise Plumbing's recordings stay paused at most 61 seconds: the last minute's warning comes within the pause.
    const tenant = '/api/networks/summit/tenants/sunrise-plumbing';
    const version = (await switchboard.api<{ versions: { coreRecording: number } }>('GET', tenant)).body.versions.coreRecording;
    expect(
      (await switchboard.api('PUT', `${tenant}/recording-pause`, { maxPauseSeconds: 61 }, { 'if-match': `"v${version}"` })).status,
    ).toBe(200);
    await page.goto(switchboard.url);
    await page.getByLabel('Email').fill('agent@summit.example');
    await page.getByLabel('Password').fill(switchboard.demoPassword('agent@summit.example'));
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('heading', { name: 'Agent console' })).toBeVisible();

    const pcap = join(telephony.dir, 'tones.pcap');
    writeFileSync(pcap, tonePcap(14));
    const calling = callWithAudio(telephony.dir, pcap, '+16198675301', '+14158672200', 12_000);
    // Ana answered for the Service queue (automatic recording, R4): the call is on her console.
    const live = page.getByTestId('live-call');
    await expect(live).toContainText('(415) 867-2200', { timeout: 15_000 });
    await expect(live.getByText('Recording', { exact: true })).toBeVisible({ timeout: 5_000 });

    await page.waitForTimeout(2_000);
    await live.getByRole('button', { name: 'Charge Credit Card' }).click();
    await expect(page.getByRole('dialog', { name: 'Charge Credit Card' }).getByTestId('auto-paused')).toBeVisible();
    await expect(live.getByText('Paused', { exact: true })).toBeVisible();
    const ends = live.getByTestId('pause-ends');
    await expect(ends).toContainText(/Recording paused\. It resumes by itself in 1:0[01]/);
    await expect(live.getByRole('alert').filter({ hasText: 'finish taking the card details' })).toContainText(/in 0:5\d/, {
      timeout: 5_000,
    });
    // Paused for three seconds at least, whatever the checks above took.
    await page.waitForTimeout(1_000);
    await page.getByRole('dialog', { name: 'Charge Credit Card' }).getByRole('button', { name: 'Close' }).click();
    await expect(live.getByText('Recording', { exact: true })).toBeVisible();

    expect((await calling).code).toBe(0);
    await expect(live).toHaveCount(0, { timeout: 5_000 });
    // rtpengine followed the clicks: the plan has two recorded stretches, and the stored audio is
    // as long as they are (the ~3 s paused stretch absent), not as long as the call.
    type Recording = { id: string; segments: { start: number; end: number }[] };
    let recording: Recording | undefined;
    await expect
      .poll(
        async () => {
          recording = (await switchboard.api<{ recordings: Recording[] }>('GET', '/api/networks/summit/recordings')).body.recordings[0];
          return recording?.segments.length;
        },
        { timeout: 10_000 },
      )
      .toBe(2);
    const planned = recording!.segments.reduce((sum, s) => sum + (s.end - s.start), 0) * 1000;
    const wav = await fetch(`${switchboard.url}/api/networks/summit/recordings/${recording!.id}/audio`, {
      headers: await switchboard.headers(),
    });
    const heardMs = wavSamples(Buffer.from(await wav.arrayBuffer())).length / 8;
    expect(Math.abs(heardMs - planned)).toBeLessThan(100);
    expect(recording!.segments[1]!.start - recording!.segments[0]!.end).toBeGreaterThan(2.5);

    // B10: the network administrator listens to it from the call log; the browser plays the WAV
    // the call left (as long as its plan), and the listen is in the audit log with their name.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByLabel('Email').fill('admin@summit.example');
    await page.getByLabel('Password').fill(switchboard.demoPassword('admin@summit.example'));
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('link', { name: 'Call log' }).click();
    await page.getByRole('button', { name: /^Listen to the recording of the call from \(415\) 867-2200/ }).click();
    const player = page.getByLabel('Recording of the call from (415) 867-2200', { exact: true });
    type Audio = { preload: string; duration: number };
    // As pressing play would: the player fetches the audio (once: load() again would be a second listen).
    await player.evaluate((element) => {
      (element as unknown as Audio).preload = 'auto';
    });
    await expect
      .poll(() => player.evaluate((element) => (element as unknown as Audio).duration), { timeout: 10_000 })
      .toBeCloseTo(planned / 1000, 0);
    await expect(page.getByText('Kept for ever').first()).toBeVisible();
    await page.getByRole('link', { name: 'Audit log' }).click();
    // One listen, one entry: the player's further requests (the rest of the audio, in ranges) are not listens again.
    await expect(page.getByText(`listened to recording ${recording!.id}`).first()).toBeVisible();
    await expect(page.getByText(`listened to recording ${recording!.id}`)).toHaveCount(1);
  } finally {
    await switchboard.stop();
    await queue.stop();
    telephony.down();
  }
});
