/** The sign-in screens: a wrong password, the lockout with its end time, the forced password change. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { DEMO_PASSWORD, launch, newDevice, shot, signIn } from './browser.js';

describe('signing in', () => {
  let browser: Browser;
  before(async () => { browser = await launch(); });
  after(async () => { await browser.close(); });

  it('says when a password is wrong, then that the account is locked and until when', async () => {
    const page = await (await newDevice(browser, 'desktop')).newPage();
    for (let i = 0; i < 5; i++) {
      await signIn(page, 'yanggu', 'wrong-password');
      await page.getByRole('alert').waitFor();
    }
    const alert = page.getByRole('alert');
    await alert.getByText(/账号已锁定,请于 \d{4}\/\d{2}\/\d{2} \d{2}:\d{2} 后再试/).waitFor();
    await shot(page, 'desktop-login-locked');
    // Even the right password is refused until then.
    await signIn(page, 'yanggu');
    await alert.getByText(/账号已锁定/).waitFor();
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
