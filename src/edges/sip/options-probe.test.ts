/**
 * Issue 13: a node's answer to Kamailio's dispatcher probes, over real UDP: 200 while it can take
 * calls, 503 while it cannot, nothing to what is not an OPTIONS request.
 */
import { createSocket } from 'node:dgram';
import { afterEach, describe, expect, it } from 'vitest';
import { answerOptions, OptionsProbe } from './options-probe.js';

const OPTIONS = [
  'OPTIONS sip:127.0.0.1:15189 SIP/2.0',
  'Via: SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bK.ds1',
  'Via: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bK.proxy',
  'From: <sip:kamailio@switchboard.invalid>;tag=a1',
  'To: <sip:127.0.0.1:15189>',
  'Call-ID: probe-1@127.0.0.1',
  'CSeq: 10 OPTIONS',
  'Max-Forwards: 70',
  'Content-Length: 0',
  '',
  '',
].join('\r\n');

describe('issue 13 the dispatcher probe answer', () => {
  it('answers OPTIONS with 200 while serving, 503 while not, copying Via (all), From, To with a tag, Call-ID and CSeq', () => {
    const ok = answerOptions(OPTIONS, true)!;
    const lines = ok.split('\r\n');
    expect(lines[0]).toBe('SIP/2.0 200 OK');
    expect(lines.filter((line) => line.startsWith('Via: '))).toEqual([
      'Via: SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bK.ds1',
      'Via: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bK.proxy',
    ]);
    expect(lines).toContain('From: <sip:kamailio@switchboard.invalid>;tag=a1');
    expect(lines.find((line) => line.startsWith('To: '))).toMatch(/^To: <sip:127\.0\.0\.1:15189>;tag=[0-9a-f]{12}$/);
    expect(lines).toContain('Call-ID: probe-1@127.0.0.1');
    expect(lines).toContain('CSeq: 10 OPTIONS');
    expect(ok.endsWith('Content-Length: 0\r\n\r\n')).toBe(true);
    expect(answerOptions(OPTIONS, false)!.split('\r\n')[0]).toBe('SIP/2.0 503 Service Unavailable');
  });

  it('reads compact header names, and keeps a To tag that is there', () => {
    const compact = OPTIONS.replace('Via:', 'v:').replace('Call-ID:', 'i:').replace('To: <sip:127.0.0.1:15189>', 't: <sip:x@y>;tag=kept');
    const lines = answerOptions(compact, true)!.split('\r\n');
    expect(lines).toContain('Call-ID: probe-1@127.0.0.1');
    expect(lines).toContain('To: <sip:x@y>;tag=kept');
  });

  it('ignores what is not an OPTIONS request, or one without a Via or a Call-ID', () => {
    expect(answerOptions(OPTIONS.replace('OPTIONS sip:', 'INVITE sip:'), true)).toBeNull();
    expect(answerOptions('SIP/2.0 200 OK\r\n\r\n', true)).toBeNull();
    expect(answerOptions('hello', true)).toBeNull();
    expect(answerOptions(OPTIONS.replace(/Call-ID: .*\r\n/, ''), true)).toBeNull();
    expect(answerOptions(OPTIONS.replace(/Via: .*\r\n/g, ''), true)).toBeNull();
  });

  describe('over UDP', () => {
    let probe: OptionsProbe | null = null;
    afterEach(() => probe?.close());

    const ask = (port: number, text: string) =>
      new Promise<string | null>((resolve) => {
        const client = createSocket('udp4');
        const timer = setTimeout(() => {
          client.close();
          resolve(null);
        }, 300);
        client.on('message', (message) => {
          clearTimeout(timer);
          client.close();
          resolve(message.toString());
        });
        client.send(text, port, '127.0.0.1');
      });

    it('answers at its address as the node is serving or not; says nothing to other requests', async () => {
      let serving = true;
      probe = new OptionsProbe(
        '127.0.0.1',
        15189,
        () => serving,
        () => undefined,
      );
      await probe.start();
      expect((await ask(15189, OPTIONS))?.split('\r\n')[0]).toBe('SIP/2.0 200 OK');
      serving = false;
      expect((await ask(15189, OPTIONS))?.split('\r\n')[0]).toBe('SIP/2.0 503 Service Unavailable');
      expect(await ask(15189, OPTIONS.replace('OPTIONS sip:', 'BYE sip:'))).toBeNull();
    });

    it('names the address when it cannot listen there', async () => {
      probe = new OptionsProbe(
        '127.0.0.1',
        15189,
        () => true,
        () => undefined,
      );
      await probe.start();
      const second = new OptionsProbe(
        '127.0.0.1',
        15189,
        () => true,
        () => undefined,
      );
      await expect(second.start()).rejects.toThrow('SWITCHBOARD_SIP_PROBE: cannot listen on 127.0.0.1:15189');
      second.close();
    });
  });
});
