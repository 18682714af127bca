import { expect, screenshot, test } from './fixtures.js';

test('C15 the audit log shows changes made in the UI, filters them, and exports CSV', async ({ page, signIn }) => {
  await signIn('admin');
  await page.getByTestId('tenant-row-sunrise-plumbing').getByRole('switch').click({ force: true });
  await expect(page.getByTestId('tenant-row-sunrise-plumbing').getByRole('switch')).toBeChecked();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Audit log' }).click();
  const log = page.getByRole('table', { name: 'Audit log' });
  const row = log.getByRole('row').filter({ hasText: 'continuity.switch_on' });
  await expect(row).toContainText('Nadia Admin');
  await expect(row).toContainText('ui');
  await expect(row).toContainText('tenant sunrise-plumbing');
  await screenshot(page, 'audit-log');

  await page.getByRole('textbox', { name: 'Source' }).click();
  await page.getByRole('option', { name: 'CLI' }).click();
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
  expect(await csv.text()).toContain('continuity.switch_on');
});
