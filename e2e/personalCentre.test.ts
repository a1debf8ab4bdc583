/** 个人中心 on a phone: change one's password at any time, see where one is signed in and sign out another device. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { ApiClient } from './api.js';
import { DEMO_PASSWORD, launch, newDevice, shot, signIn } from './browser.js';

describe('the personal centre', () => {
  let browser: Browser;
  before(async () => { browser = await launch(); });
  after(async () => { await browser.close(); });

  it('signs out another device and changes the password, on a phone', async () => {
    const admin = await ApiClient.signIn('admin');
    const username = `geren${Date.now().toString(36)}`;
    await admin.post('/api/accounts', { username, displayName: '个人中心测试', role: 'staff', password: DEMO_PASSWORD, regionCode: '451103' });

    const page = await (await newDevice(browser, 'phone')).newPage();
    await signIn(page, username);
    // A new account changes its initial password first.
    const second = 'Geren#2026-two';
    await page.getByLabel('当前密码').fill(DEMO_PASSWORD);
    await page.getByLabel('新密码', { exact: true }).fill(second);
    await page.getByLabel('确认新密码').fill(second);
    await page.getByRole('button', { name: /保\s*存/ }).click();
    const centre = page.getByRole('link', { name: /个人中心/ });
    await centre.waitFor();

    // Signed in on another device too.
    const laptop = new ApiClient();
    await laptop.post('/api/auth/login', { username, password: second });
    await laptop.get('/api/auth/me');

    await centre.click();
    await page.getByRole('heading', { name: '个人中心' }).first().waitFor();
    const sessions = page.getByRole('region', { name: '登录设备' });
    await sessions.getByText('本机').waitFor();
    await sessions.getByRole('button', { name: /^退出 / }).waitFor();
    assert.equal(await sessions.getByRole('button', { name: /^退出 / }).count(), 1, 'one other session');
    await shot(page, 'phone-personal-centre');
    await sessions.getByRole('button', { name: /^退出 / }).click();
    await page.getByText('已退出该设备').waitFor();
    await assert.rejects(laptop.get('/api/auth/me'), /401/, 'the other device is signed out');
    assert.equal(await sessions.getByRole('button', { name: /^退出 / }).count(), 0);

    // The password, at any time.
    const third = 'Geren#2026-three';
    await page.getByLabel('当前密码').fill('not-the-password');
    await page.getByLabel('新密码', { exact: true }).fill(third);
    await page.getByLabel('确认新密码').fill(third);
    await page.getByRole('button', { name: /保\s*存/ }).first().click();
    await page.getByText('当前密码不正确').waitFor();
    await page.getByLabel('当前密码').fill(second);
    await page.getByRole('button', { name: /保\s*存/ }).first().click();
    await page.getByText('密码已修改,其他设备已退出登录').waitFor();

    // The preferences: reminders in the daily digest.
    await page.getByRole('combobox', { name: '到期提醒 · 站内通知' }).click();
    await page.locator('.ant-select-item-option', { hasText: '每日汇总' }).click();
    await page.getByRole('button', { name: '保存偏好' }).click();
    await page.getByText('通知偏好已保存').waitFor();

    const check = new ApiClient();
    await assert.rejects(check.post('/api/auth/login', { username, password: second }), /401/);
    await check.post('/api/auth/login', { username, password: third });
    const prefs = await check.get<{ prefs: { type: string; channel: string; mode: string }[] }>('/api/notifications/preferences');
    assert.equal(prefs.prefs.find((p) => p.type === 'reminder' && p.channel === 'app')!.mode, 'digest');
  });
});
