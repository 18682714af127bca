import { expect, screenshot, test } from './fixtures.js';

test('I1 sign in with the keyboard: the header shows the network and the user; sign out returns to sign-in', async ({ page, server }) => {
  await page.goto(server.url);
  await expect(page.getByRole('heading', { name: 'Sign in to Switchboard' })).toBeVisible();
  await screenshot(page, 'sign-in');
  await page.getByLabel('Email').pressSequentially('admin@summit.example');
  await page.keyboard.press('Tab');
  await page.keyboard.type(server.passwords['admin@summit.example']!);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('header-network')).toHaveText('Summit Home Services');
  await expect(page.getByTestId('header-user')).toHaveText('Nadia Admin');
  await expect(page).toHaveURL(/\/continuity$/);
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('heading', { name: 'Sign in to Switchboard' })).toBeVisible();
});

test('I1 a wrong password is refused with a message, and the email typed stays', async ({ page, server }) => {
  await page.goto(server.url);
  await page.getByLabel('Email').fill('admin@summit.example');
  await page.getByLabel('Password').fill('not-the-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toContainText(/email or the password is wrong/i);
  await expect(page.getByLabel('Email')).toHaveValue('admin@summit.example');
});

test('C12 the header shows agents the system-wide banner while any tenant is in Call Continuity; a tenant administrator only for their tenants', async ({
  page,
  signIn,
  browser,
}) => {
  await signIn('agent');
  // Coastal HVAC is in continuity in the demo network.
  await expect(page.getByTestId('continuity-banner')).toContainText('Coastal HVAC');
  const other = await browser.newPage();
  await signIn('tenantAdmin', other);
  await expect(other.getByRole('heading', { name: 'Sunrise Plumbing' })).toBeVisible();
  await expect(other.getByTestId('continuity-banner')).toHaveCount(0);
  await other.close();
});

test('I1 each persona sees only the screens their abilities allow', async ({ page, signIn }) => {
  await signIn('agent');
  const nav = page.getByRole('navigation', { name: 'Main' });
  await expect(nav.getByRole('link', { name: 'Agent console' })).toBeVisible();
  await expect(nav.getByRole('link', { name: 'Call Continuity' })).toHaveCount(0);
  await expect(nav.getByRole('link', { name: 'Audit log' })).toHaveCount(0);
  await expect(page).toHaveURL(/\/agent$/);
});

test('I1 hardening item 11: the API documentation works under its Content-Security-Policy, and the UI logs no CSP violation', async ({
  page,
  server,
  signIn,
}) => {
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to (load|execute|apply)/i.test(message.text())) violations.push(message.text());
  });
  await page.goto(`${server.url}/api/docs`);
  await expect(page.getByText('Switchboard API').first()).toBeVisible();
  await expect(page.locator('.opblock').first()).toBeVisible();
  await signIn('admin');
  await expect(page.getByTestId('header-network')).toBeVisible();
  expect(violations).toEqual([]);
});
