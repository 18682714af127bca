/**
 * B3 in the browser: a network administrator adds a receiver (a real HTTP server of the test's, on
 * loopback), copies its secret (shown once), switches continuity, and sees the signed delivery
 * arrive and listed as delivered; a paused receiver shows it; removing it asks first.
 */
import { createHmac } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, screenshot, test } from './fixtures.js';

test('B3 a network administrator adds a webhook receiver, gets its secret once, and sees each signed delivery with its attempts', async ({
  page,
  signIn,
}) => {
  const received: { id: string; timestamp: string; signature: string; body: string }[] = [];
  const receiver = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    request.on('end', () => {
      received.push({
        id: String(request.headers['webhook-id']),
        timestamp: String(request.headers['webhook-timestamp']),
        signature: String(request.headers['webhook-signature']),
        body,
      });
      response.writeHead(200).end('ok');
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/switchboard`;
  try {
    await signIn('admin');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Webhooks' }).click();
    await expect(page.getByRole('heading', { name: 'Webhooks' })).toBeVisible();
    const form = page.getByRole('form', { name: 'Add a receiver' });
    await form.getByLabel('Address').fill('ftp://crm.example.com/in');
    await form.getByRole('button', { name: 'Add receiver' }).click();
    await expect(form.getByText('must be an https:// address')).toBeVisible();
    await form.getByLabel('Address').fill(url);
    await form.getByLabel('What it is').fill('CRM');
    await form.getByRole('checkbox', { name: /A call logged/ }).check();
    await form.getByRole('button', { name: 'Add receiver' }).click();
    const secret = (await form.getByTestId('webhook-secret').textContent())!;
    expect(secret).toMatch(/^whsec_/);

    // A change the receiver subscribed to: Sunrise Plumbing's continuity switched on.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Call Continuity' }).click();
    const sunrise = page.getByTestId('tenant-row-sunrise-plumbing').getByRole('switch');
    await sunrise.click({ force: true });
    await expect(sunrise).toBeChecked();
    await expect.poll(() => received.length, { timeout: 15_000 }).toBe(1);
    const [message] = received;
    const expected = createHmac('sha256', Buffer.from(secret.replace(/^whsec_/, ''), 'base64'))
      .update(`${message!.id}.${message!.timestamp}.${message!.body}`)
      .digest('base64');
    expect(message!.signature.split(' ')).toContain(`v1,${expected}`);
    expect(JSON.parse(message!.body)).toMatchObject({ type: 'continuity.changed', data: { action: 'continuity.switch_on' } });

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Webhooks' }).click();
    const card = page.getByRole('region', { name: `Receiver CRM (${url})` });
    await card.getByRole('button', { name: 'Deliveries' }).click();
    const row = card.getByTestId(`delivery-${message!.id}`);
    await expect(row).toContainText('continuity.changed');
    await expect(row).toContainText('delivered');
    await row.getByRole('button', { name: 'Attempts' }).click();
    await expect(card.getByText(/HTTP 200/)).toBeVisible();
    await screenshot(page, 'webhooks');

    await card.getByRole('button', { name: 'Pause' }).click();
    await expect(card.getByText('Paused')).toBeVisible();
    await card.getByRole('button', { name: 'Remove…' }).click();
    await card.getByRole('button', { name: 'Remove', exact: true }).click();
    await expect(page.getByText('No receivers yet.')).toBeVisible();
  } finally {
    receiver.close();
  }
});
