import { describe, expect, it } from 'vitest';
import { isNonPublicAddress, webhookTargetProblem } from './webhook-targets.js';

describe('B3 webhook targets', () => {
  it('B3 loopback, private, link-local and shared addresses (IPv4, IPv6, mapped) are private; public ones are not', () => {
    for (const address of [
      '127.0.0.1',
      '10.0.0.1',
      '172.16.5.4',
      '172.31.255.255',
      '192.168.1.1',
      '169.254.169.254',
      '100.64.0.1',
      '0.0.0.0',
      '::1',
      '::',
      'fd00::1',
      'fe80::1',
      '::ffff:127.0.0.1',
      '::ffff:10.0.0.1',
    ])
      expect(isNonPublicAddress(address), address).toBe(true);
    for (const address of ['8.8.8.8', '172.32.0.1', '192.169.0.1', '2606:4700::1111', '::ffff:8.8.8.8', 'hooks.example.com'])
      expect(isNonPublicAddress(address), address).toBe(false);
    // IPv6 spelled as the URL parser writes it, and IPv4 inside IPv6 (compatible, NAT64, 6to4), site-local.
    for (const address of [
      '::ffff:7f00:1',
      '[::ffff:a9fe:a9fe]',
      '::7f00:1',
      '0:0:0:0:0:0:0:1',
      '64:ff9b::a9fe:a9fe',
      '2002:7f00:1::5',
      '2002:c0a8:101::',
      'fec0::1',
      'FD12:3456::1',
      'fe80::1%eth0',
      '::ffff:0:7f00:1',
      '64:ff9b:1::7f00:1',
      '64:ff9b:1::808:808',
    ])
      expect(isNonPublicAddress(address), address).toBe(true);
    for (const address of ['64:ff9b::808:808', '2002:808:808::1', '2001:4860:4860::8888', '::ffff:808:808'])
      expect(isNonPublicAddress(address), address).toBe(false);
    for (const url of [
      'https://[::ffff:127.0.0.1]/in',
      'https://[::ffff:169.254.169.254]/in',
      'https://[::127.0.0.1]/in',
      'https://[64:ff9b::10.0.0.1]/in',
    ])
      expect(webhookTargetProblem(new URL(url), false), url).toMatch(/private/);
  });

  it('B3 in production only HTTPS to a public host; the setting allows http and private targets; other schemes never', () => {
    const target = (url: string) => new URL(url);
    expect(webhookTargetProblem(target('https://hooks.example.com/in'), false)).toBeNull();
    expect(webhookTargetProblem(target('http://hooks.example.com/in'), false)).toMatch(/https/);
    expect(webhookTargetProblem(target('https://192.168.0.10/in'), false)).toMatch(/private/);
    expect(webhookTargetProblem(target('https://[fd00::5]/in'), false)).toMatch(/private/);
    expect(webhookTargetProblem(target('https://api.localhost/in'), false)).toMatch(/private/);
    expect(webhookTargetProblem(target('http://127.0.0.1:9000/in'), true)).toBeNull();
    expect(webhookTargetProblem(target('file:///etc/passwd'), true)).toMatch(/https/);
  });
});
