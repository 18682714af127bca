import { expect, screenshot, test } from './fixtures.js';

test('C15 the audit log shows changes made in the UI, filters them, and exports CSV', async ({ page, signIn }) => {
  await signIn('admin');
  await page.getByTestId('tenant-row-sunrise-plumbing').getByRole('switch').click({ force: true });
  await expect(page.getByTestId('tenant-row-sunrise-plumbing').getByRole('switch')).toBeChecked();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Audit log' }).click();
  const log = page.getByRole('table', { name: 'Audit log' });
  // issue 15: a sentence with names, only what changed, the raw record behind Details.
  const row = log.getByRole('row').filter({ hasText: 'Nadia Admin turned Call Continuity on for Sunrise Plumbing' });
  await expect(row).toContainText('Web UI');
  await expect(row.getByRole('list', { name: 'Changes' })).toHaveText('Enabled: off → on');
  const raw = row.locator('details pre');
  await expect(raw).toBeHidden();
  await row.getByText('Details').click();
  await expect(raw).toContainText('continuity.switch_on');
  await expect(raw).toContainText('tenant sunrise-plumbing');
  // Nothing wider than the page at a laptop's width.
  await page.setViewportSize({ width: 1360, height: 900 });
  expect(await page.locator('html').evaluate((html) => html.scrollWidth - html.clientWidth)).toBe(0);
  await screenshot(page, 'audit-log');

  await page.getByRole('textbox', { name: 'Source' }).click();
  await page.getByRole('option', { name: 'CLI' }).click();
  await expect(page.getByText('No changes match these filters.')).toBeVisible();
  await page.getByRole('button', { name: 'Clear' }).click();
  await page.getByRole('textbox', { name: 'Change' }).click();
  await page.getByRole('option', { name: 'Turn Off For All' }).click();
  await expect(page.getByText('No changes match these filters.')).toBeVisible();
  await page.getByRole('button', { name: 'Clear' }).click();
  await page.getByRole('textbox', { name: 'Tenant' }).click();
  await page.getByRole('option', { name: 'Sunrise Plumbing' }).click();
  await expect(row).toBeVisible();

  const href = await page.getByRole('link', { name: 'Export CSV' }).getAttribute('href');
  expect(href).toContain('format=csv');
  expect(href).toContain('tenantId=sunrise-plumbing');
  const csv = await page.request.get(new URL(href!, page.url()).toString());
  expect(csv.headers()['content-type']).toContain('text/csv');
  expect(await csv.text()).toContain('continuity.switch_on,Nadia Admin turned Call Continuity on for Sunrise Plumbing,');
});
