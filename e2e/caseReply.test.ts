/**
 * The unit's reply in the back office: the clerk answers with a result type, the handler, a
 * contact, a PDF reply letter (public) and a photo (internal); the case page shows them; once the
 * station approves, the constituent's tracking page answers the result and the public letter only.
 * The station's deputy who must answer the constituent reveals her contact with 查看联系方式,
 * which the audit log records.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import PDFDocument from 'pdfkit';
import type { Browser } from 'playwright-core';
import { ApiClient, stationId } from './api.js';
import { BASE_URL, collectErrors, launch, newDevice, shot, signIn } from './browser.js';

const PHOTO = path.join(import.meta.dirname, 'fixtures', 'visit.png');

function replyLetter(): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'A4' });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c)).on('end', () => resolve(Buffer.concat(chunks))).on('error', reject);
    doc.text('Reply letter: the culvert under the village road was cleared.');
    doc.end();
  });
}

describe('the unit\'s reply and the deputy\'s 查看联系方式', () => {
  let browser: Browser;
  let dir: string;
  before(async () => { browser = await launch(); dir = mkdtempSync(path.join(tmpdir(), 'lianxin-e2e-reply-')); });
  after(async () => { await browser.close(); rmSync(dir, { recursive: true, force: true }); });

  it('replies with a result, handler and files; the constituent sees the public letter; the deputy reveals the contact, audited', async () => {
    // A call registered at the 黄田镇 station, addressed to no deputy, assigned to the water bureau and signed.
    const officer = await ApiClient.signIn('huangtian');
    const station = await stationId('平桂区黄田镇人大代表联络站');
    const categories = await officer.get<{ id: number; code: string }[]>('/api/case-categories');
    const { items: [receipt] } = await officer.post<{ items: { id: number; trackingCode: string; queryKey: string }[] }>('/api/cases', {
      stationId: station, channel: 'phone',
      items: [{ categoryId: categories.find((k) => k.code === 'water')!.id, content: '村道涵洞堵塞,雨天积水过膝。', place: '黄田镇公和村', name: '韦春花', phone: '13977415678' }],
    });
    const id = receipt!.id;
    const units = await officer.get<{ items: { id: number; name: string }[] }>(`/api/units?q=${encodeURIComponent('水利局')}`);
    await officer.post(`/api/cases/${id}/actions/accept`);
    await officer.post(`/api/cases/${id}/actions/assign`, { unitId: units.items.find((u) => u.name === '贺州市平桂区水利局')!.id });
    await (await ApiClient.signIn('shuiliju')).post(`/api/cases/${id}/actions/sign`);

    const letter = path.join(dir, '答复函.pdf');
    writeFileSync(letter, await replyLetter());
    const clerkPage = await (await newDevice(browser, 'desktop')).newPage();
    const errors = collectErrors(clerkPage);
    await signIn(clerkPage, 'shuiliju');
    await clerkPage.goto(`/cases/${id}`);
    await clerkPage.getByTestId('case-header').getByRole('button', { name: /^办\s*复$/ }).click();
    const dialog = clerkPage.getByRole('dialog', { name: '办复' });
    await dialog.getByRole('button', { name: /提交办复/ }).click();
    await dialog.getByText('请选择办理结果').waitFor(); // the result type is asked for
    await dialog.getByText('部分解决').click();
    await dialog.getByLabel('承办人').fill('覃工');
    await dialog.getByLabel('联系电话').fill('0774-5288001');
    await dialog.getByLabel('办理情况').fill('已组织清淤,涵洞恢复通水;扩建列入明年计划。');
    await dialog.getByTestId('reply-files').setInputFiles([letter, PHOTO]);
    await dialog.getByText('答复函.pdf').waitFor();
    await dialog.getByText('visit.png').waitFor();
    assert.equal(await dialog.getByRole('switch', { name: '答复函.pdf 是否公开' }).getAttribute('aria-checked'), 'true', 'the letter is public by default');
    assert.equal(await dialog.getByRole('switch', { name: 'visit.png 是否公开' }).getAttribute('aria-checked'), 'false', 'a photo is internal by default');
    await shot(clerkPage, 'case-reply-dialog');
    await dialog.getByRole('button', { name: /提交办复/ }).click();
    const card = clerkPage.getByTestId('case-reply');
    await card.getByText('部分解决').waitFor();
    await card.getByText('覃工').waitFor();
    await card.getByText('0774-5288001').waitFor();
    await card.getByRole('link', { name: '答复函.pdf' }).waitFor();
    await card.getByRole('link', { name: 'visit.png' }).waitFor();
    await shot(clerkPage, 'case-reply-card');
    assert.deepEqual(errors, []);

    // The station approves; the constituent's tracking page answers the result and the public letter, which opens with her key.
    await officer.post(`/api/cases/${id}/actions/approve_reply`);
    const track = await (await fetch(`${BASE_URL}/api/public/opinions/${receipt!.trackingCode}?key=${receipt!.queryKey}`)).json() as {
      replyResult: { code: string; label: { zh: string } } | null; attachments: { name: string; url: string }[];
    };
    assert.deepEqual([track.replyResult?.code, track.replyResult?.label.zh], ['partly_resolved', '部分解决']);
    assert.deepEqual(track.attachments.map((a) => a.name), ['答复函.pdf']);
    const pdf = await fetch(`${BASE_URL}${track.attachments[0]!.url}?key=${receipt!.queryKey}`);
    assert.equal(pdf.headers.get('content-type'), 'application/pdf');
    const saved = path.join(dir, 'downloaded.pdf');
    writeFileSync(saved, Buffer.from(await pdf.arrayBuffer()));
    const info = spawnSync('pdfinfo', [saved], { encoding: 'utf8' });
    assert.equal(info.status, 0, info.stderr);
    assert.ok(readFileSync(saved).equals(readFileSync(letter)), 'the letter as the unit sent it');

    // The station's deputy, on a phone, answers the constituent: the contact is masked until she asks.
    const deputyPage = await (await newDevice(browser, 'phone')).newPage();
    const deputyErrors = collectErrors(deputyPage);
    await signIn(deputyPage, 'liangjun');
    await deputyPage.goto(`/cases/${id}`);
    await deputyPage.getByText('139****5678').waitFor();
    await deputyPage.getByTestId('reveal-contact').click();
    await deputyPage.getByRole('dialog').getByText('记入审计日志').waitFor();
    await deputyPage.getByRole('dialog').getByRole('button', { name: /查\s*看/ }).click();
    await deputyPage.getByTestId('revealed-contact').getByText('13977415678').waitFor();
    await deputyPage.getByRole('dialog').waitFor({ state: 'hidden' });
    await shot(deputyPage, 'case-contact-revealed-phone');
    assert.deepEqual(deputyErrors, []);

    const audit = await (await ApiClient.signIn('admin')).get<{ items: { action: string; actorName: string; entityId: string }[] }>(
      `/api/audit?action=case.contact_reveal&entityType=case&entityId=${id}`,
    );
    assert.equal(audit.items.length, 1);
  });
});
