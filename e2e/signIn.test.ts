/** The sign-in screens: a wrong password, the lockout (told to the holder, not the form), the forced password change; the API docs page. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { DEMO_PASSWORD, launch, newDevice, shot, signIn } from './browser.js';

describe('signing in', () => {
  let browser: Browser;
  before(async () => { browser = await launch(); });
  after(async () => { await browser.close(); });

  it('says a password is wrong, answers a locked account alike, and tells the holder when the lock ends', async () => {
    const page = await (await newDevice(browser, 'desktop')).newPage();
    for (let i = 0; i < 5; i++) {
      await signIn(page, 'yanggu', 'wrong-password');
      await page.getByRole('alert').waitFor();
    }
    const alert = page.getByRole('alert');
    await alert.getByText(/用户名或密码错误/).waitFor();
    await shot(page, 'desktop-login-locked');
    // Even the right password is refused until then, in the same words as a wrong one: the form tells nobody the account exists or is locked.
    await signIn(page, 'yanggu');
    await alert.getByText(/用户名或密码错误/).waitFor();
    assert.doesNotMatch((await alert.textContent()) ?? '', /\d{2}:\d{2}/);
    assert.equal(await page.getByRole('link', { name: /条未读/ }).count(), 0, 'not signed in');
  });

  it('makes a new account change its password before anything else', async () => {
    const page = await (await newDevice(browser, 'desktop')).newPage();
    await signIn(page, 'xinren');
    await page.getByText('首次登录请修改密码').waitFor();
    await shot(page, 'desktop-change-password');
    await page.getByLabel('当前密码').fill(DEMO_PASSWORD);
    await page.getByLabel('新密码', { exact: true }).fill('short');
    await page.getByLabel('确认新密码').fill('short');
    await page.getByRole('button', { name: /保\s*存/ }).click();
    const fieldError = page.locator('#newPassword_help, .ant-form-item-explain-error').first();
    await fieldError.waitFor();
    assert.match((await fieldError.textContent()) ?? '', /密码/);
    assert.equal(await page.getByRole('link', { name: /条未读/ }).count(), 0, 'still held at the change screen');

    const next = 'Xinren#2026-ok';
    await page.getByLabel('新密码', { exact: true }).fill(next);
    await page.getByLabel('确认新密码').fill(next);
    await page.getByRole('button', { name: /保\s*存/ }).click();
    await page.getByText('本月工作概况').waitFor();
  });

  it('serves the API docs page under its policy', async () => {
    const page = await (await newDevice(browser, 'desktop')).newPage();
    const answer = await page.goto('/api/docs');
    assert.match(answer?.headers()['content-security-policy'] ?? '', /frame-ancestors 'none'/);
    await page.getByText('连心桥 Lianxin API').first().waitFor();
    await page.locator('.opblock').first().waitFor();
  });

  it('returns to the sign-in page when the session ends elsewhere', async () => {
    const context = await newDevice(browser, 'desktop');
    const working = await context.newPage();
    await signIn(working, 'taiqian');
    await working.getByText('本月工作概况').waitFor();
    const other = await context.newPage();
    await other.goto('/');
    await other.getByRole('button', { name: /退出登录/ }).click();
    await other.getByLabel('用户名').waitFor();
    // The first tab still shows the dashboard; its next request finds the session gone.
    await working.getByRole('link', { name: '意见办理' }).click();
    await working.getByLabel('用户名').waitFor();
  });
});
