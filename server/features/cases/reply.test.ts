import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import PDFDocument from 'pdfkit';
import { factories, type Factories, type SignedIn } from '../../testing/factories.js';
import { startTestApp, type Client, type TestApp } from '../../testing/harness.js';
import { checkReplyAttachments, MAX_REPLY_PDF_BYTES, MAX_REPLY_TOTAL_BYTES } from './replyAttachments.js';

/** A real PDF (made by pdfkit), as a unit's reply letter would be. */
function replyLetter(): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'A4' });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c)).on('end', () => resolve(Buffer.concat(chunks))).on('error', reject);
    doc.text('Reply letter: the water pipe was laid on the agreed day.');
    doc.end();
  });
}

/** A real PNG (1×1, with its checksums): a photo of the work. */
function workPhoto(): Buffer {
  return Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000970485973000003e8000003e801b57b526b0000000d49444154789c63606860f80f0002840180fa05561d0000000049454e44ae426082', 'hex');
}

const b64 = (b: Buffer) => b.toString('base64');

describe('the unit\'s reply: result type, handler, attachments; revealing the submitter\'s contact', () => {
  let t: TestApp;
  let make: Factories;
  let dir: string;
  let officer: SignedIn;
  let clerk: SignedIn;
  let coClerk: SignedIn;
  let stationDeputy: SignedIn;
  let otherStationDeputy: SignedIn;
  let ids: { station: number; unit: number; coUnit: number; category: number };
  let pdf: Buffer;
  let photo: Buffer;

  before(async () => {
    t = await startTestApp();
    make = factories(t);
    dir = mkdtempSync(join(tmpdir(), 'lianxin-reply-'));
    const county = await make.county();
    const station = await make.station({ regionCode: county.towns[0]!.code });
    const [unit, coUnit] = [await make.unit({ regionCode: county.code }), await make.unit({ regionCode: county.code })];
    officer = await make.signedIn('officer', { stationIds: [station.id] });
    clerk = await make.signedIn('unit', { unitId: unit.id });
    coClerk = await make.signedIn('unit', { unitId: coUnit.id });
    stationDeputy = await make.signedIn('deputy', { deputyId: (await make.deputy({ stations: [{ id: station.id }] })).id });
    otherStationDeputy = await make.signedIn('deputy');
    const category = (await t.database.db.selectFrom('case_category').select('id').where('active', '=', true).orderBy('sort').executeTakeFirstOrThrow()).id;
    ids = { station: station.id, unit: unit.id, coUnit: coUnit.id, category };
    [pdf, photo] = [await replyLetter(), workPhoto()];
  });
  after(async () => { rmSync(dir, { recursive: true, force: true }); await t.close(); });

  const ok = <R extends { statusCode: number; body: string }>(res: R, status = 200): R => { assert.equal(res.statusCode, status, res.body); return res; };
  const act = (client: Client, id: number, action: string, body: Record<string, unknown> = {}) => client.post(`/api/cases/${id}/actions/${action}`, body);
  const track = (code: string, key: string) => t.app.inject({ method: 'GET', url: `/api/public/opinions/${code}?key=${key}` });

  /** A case registered by the station's officer (by phone, with the caller's name and number), taken to the unit's clerk, signed. */
  async function signedCase(o: { deputyId?: number | null } = {}) {
    const res = ok(await officer.client.post('/api/cases', {
      stationId: ids.station, deputyId: o.deputyId ?? null, channel: 'phone',
      items: [{ categoryId: ids.category, content: '村口水管破裂,已两天没有自来水。', place: '测试村', name: '韦秀英', phone: '13977412345' }],
    }), 201);
    const receipt = res.json().items[0] as { id: number; trackingCode: string; queryKey: string };
    ok(await act(officer.client, receipt.id, 'accept'));
    ok(await act(officer.client, receipt.id, 'assign', { unitId: ids.unit, coUnitIds: [ids.coUnit] }));
    ok(await act(clerk.client, receipt.id, 'sign'));
    return receipt;
  }

  it('stores the result type, handler, contact and files checked by content, and shows them to staff and to the constituent once approved', async () => {
    const c = await signedCase();
    const replied = ok(await act(clerk.client, c.id, 'reply', {
      comment: '已更换破裂管段,恢复供水。', result: 'partly_resolved', handlerName: '黄志强', handlerContact: '0774-5123456',
      attachments: [
        { name: '答复函.pdf', data: b64(pdf), public: true },
        { name: '施工照片.png', data: b64(photo), public: false },
      ],
    })).json();
    assert.equal(replied.to, 'replied');
    const stored = await t.database.db.selectFrom('opinion').select(['reply_result', 'reply_handler_name', 'reply_handler_contact']).where('id', '=', c.id).executeTakeFirstOrThrow();
    assert.deepEqual(stored, { reply_result: 'partly_resolved', reply_handler_name: '黄志强', reply_handler_contact: '0774-5123456' });

    // The station's officer sees the whole reply on the case page, and both files.
    const detail = ok(await officer.client.get(`/api/cases/${c.id}`)).json();
    assert.equal(detail.reply.result, 'partly_resolved');
    assert.deepEqual(detail.reply.resultLabel, { zh: '部分解决', en: 'Partly resolved' });
    assert.equal(detail.reply.handlerName, '黄志强');
    assert.equal(detail.reply.handlerContact, '0774-5123456');
    assert.equal(detail.reply.status, 'pending');
    assert.deepEqual(detail.reply.attachments.map((a: { name: string; mime: string; size: number; public: boolean }) => [a.name, a.mime, a.size, a.public]),
      [['答复函.pdf', 'application/pdf', pdf.length, true], ['施工照片.png', 'image/png', photo.length, false]]);
    const [letterFile, photoFile] = detail.reply.attachments as { url: string }[];
    const letter = ok(await officer.client.get(letterFile!.url));
    assert.equal(letter.headers['content-type'], 'application/pdf');
    assert.equal(letter.headers['x-content-type-options'], 'nosniff');
    const saved = join(dir, 'letter.pdf');
    writeFileSync(saved, letter.rawPayload);
    const info = spawnSync('pdfinfo', [saved], { encoding: 'utf8' });
    assert.equal(info.status, 0, info.stderr);
    assert.match(info.stdout, /Pages:\s+1/);
    assert.ok(ok(await clerk.client.get(photoFile!.url)).rawPayload.equals(photo), 'the lead unit downloads its photo as sent');
    assert.equal((await otherStationDeputy.client.get(letterFile!.url)).statusCode, 404, 'out of reach');

    // Before the station approves the reply, the constituent sees nothing of it.
    const before = ok(await track(c.trackingCode, c.queryKey)).json();
    assert.equal(before.replyResult, null);
    assert.deepEqual(before.attachments, []);
    const publicIdOfLetter = detail.reply.attachments[0].id as number;
    const internalId = detail.reply.attachments[1].id as number;
    const download = (id: number, key = c.queryKey) => t.app.inject({ method: 'GET', url: `/api/public/opinions/${c.trackingCode}/attachments/${id}?key=${key}` });
    assert.equal((await download(publicIdOfLetter)).statusCode, 404, 'not before approval');

    ok(await act(officer.client, c.id, 'approve_reply'));
    const view = ok(await track(c.trackingCode, c.queryKey)).json();
    assert.deepEqual(view.replyResult, { code: 'partly_resolved', label: { zh: '部分解决', en: 'Partly resolved' } });
    assert.equal(view.attachments.length, 1, 'the public file only');
    assert.equal(view.attachments[0].name, '答复函.pdf');
    assert.equal(view.attachments[0].mime, 'application/pdf');
    assert.ok(!JSON.stringify(view).includes('黄志强') && !JSON.stringify(view).includes('0774-5123456'), 'no handler\'s personal data on the public page');
    const got = ok(await t.app.inject({ method: 'GET', url: `${view.attachments[0].url}?key=${c.queryKey}` }));
    assert.ok(got.rawPayload.equals(pdf));
    const byHeader = ok(await t.app.inject({ method: 'GET', url: view.attachments[0].url, headers: { 'x-query-key': c.queryKey } }));
    assert.ok(byHeader.rawPayload.equals(pdf));
    assert.equal((await download(internalId)).statusCode, 404, 'an internal file stays internal');
    assert.equal((await download(publicIdOfLetter, 'A'.repeat(22))).statusCode, 404, 'a wrong key');

    const audit = await t.database.db.selectFrom('audit_log').select('after').where('action', '=', 'case.reply').where('entity_id', '=', String(c.id)).executeTakeFirstOrThrow();
    const after = audit.after as { result: string; attachments: { name: string; public: boolean; sha256: string }[] };
    assert.equal(after.result, 'partly_resolved');
    assert.deepEqual(after.attachments.map((a) => [a.name, a.public]), [['答复函.pdf', true], ['施工照片.png', false]]);
  });

  it('refuses a file whose content is not a PDF or an image, whatever its name, and keeps nothing of the reply', async () => {
    const c = await signedCase();
    const fake = await act(clerk.client, c.id, 'reply', {
      comment: '已处理。', result: 'resolved', handlerName: '黄志强', handlerContact: '13800000000',
      attachments: [{ name: '施工照片.png', data: b64(photo), public: true }, { name: '答复函.pdf', data: b64(Buffer.from('<html>not a letter</html>')), public: true }],
    });
    assert.equal(fake.statusCode, 400, fake.body);
    assert.equal(fake.json().error.code, 'REPLY_ATTACHMENT_TYPE');
    assert.match(fake.json().error.message, /答复函\.pdf/);
    const row = await t.database.db.selectFrom('opinion').select(['state', 'reply_result']).where('id', '=', c.id).executeTakeFirstOrThrow();
    assert.deepEqual(row, { state: 'in_progress', reply_result: null });
    const files = await t.database.db.selectFrom('opinion_reply_attachment').select('id').where('opinion_id', '=', c.id).execute();
    assert.equal(files.length, 0, 'the photo sent with it is not kept either');

    const tooMany = await act(clerk.client, c.id, 'reply', {
      comment: '已处理。', result: 'resolved', attachments: Array.from({ length: 7 }, (_, i) => ({ name: `p${i}.png`, data: b64(photo), public: false })),
    });
    assert.equal(tooMany.statusCode, 400);
    const unknownResult = await act(clerk.client, c.id, 'reply', { comment: '已处理。', result: 'done' });
    assert.equal(unknownResult.statusCode, 400);

    ok(await act(clerk.client, c.id, 'reply', { comment: '已处理。', result: 'resolved', handlerName: '黄志强', handlerContact: '13800000000' }));
    assert.equal((await t.database.db.selectFrom('opinion').select('reply_result').where('id', '=', c.id).executeTakeFirstOrThrow()).reply_result, 'resolved');
  });

  it('shows the new reply after one is sent back, and clears the result while the unit works again', async () => {
    const c = await signedCase();
    ok(await act(clerk.client, c.id, 'reply', { comment: '已列入明年计划。', result: 'planned', attachments: [{ name: '计划.pdf', data: b64(pdf), public: true }] }));
    ok(await act(officer.client, c.id, 'send_back_reply', { comment: '请尽快解决' }));
    assert.equal((await t.database.db.selectFrom('opinion').select('reply_result').where('id', '=', c.id).executeTakeFirstOrThrow()).reply_result, null);
    const sentBack = ok(await officer.client.get(`/api/cases/${c.id}`)).json();
    assert.equal(sentBack.reply.status, 'sent_back');
    ok(await act(clerk.client, c.id, 'reply', { comment: '已解决。', result: 'resolved', attachments: [{ name: '现场.png', data: b64(photo), public: true }] }));
    ok(await act(officer.client, c.id, 'approve_reply'));
    const detail = ok(await officer.client.get(`/api/cases/${c.id}`)).json();
    assert.equal(detail.reply.result, 'resolved');
    assert.equal(detail.reply.status, 'approved');
    assert.deepEqual(detail.reply.attachments.map((a: { name: string }) => a.name), ['现场.png']);
    const view = ok(await track(c.trackingCode, c.queryKey)).json();
    assert.equal(view.replyResult.code, 'resolved');
    assert.deepEqual(view.attachments.map((a: { name: string }) => a.name), ['现场.png'], 'the sent-back reply\'s files are not shown');
  });

  it('lets the deputy who must answer reveal the submitter\'s contact, audited, and refuses those without the right', async () => {
    const c = await signedCase();
    const reveal = (client: Client) => client.post(`/api/cases/${c.id}/contact`);
    const audits = async () => (await t.database.db.selectFrom('audit_log').select(['actor_account_id', 'after'])
      .where('action', '=', 'case.contact_reveal').where('entity_id', '=', String(c.id)).orderBy('id').execute());

    // While the unit handles it, a deputy of the station sees it masked and may not reveal it.
    const masked = ok(await stationDeputy.client.get(`/api/cases/${c.id}`)).json();
    assert.deepEqual(masked.submitter, { name: '韦**', phone: '139****2345', masked: true });
    assert.equal(masked.contactRevealable, false);
    const refused = await reveal(stationDeputy.client);
    assert.equal(refused.statusCode, 403);
    assert.equal(refused.json().error.code, 'CASE_CONTACT_FORBIDDEN');
    assert.equal((await reveal(coClerk.client)).statusCode, 403, 'a co-unit reads the case, not the contact');
    assert.equal((await reveal(otherStationDeputy.client)).statusCode, 404, 'another station\'s deputy does not see the case');
    assert.equal((await audits()).length, 0, 'nothing shown, nothing recorded');

    // Once the reply is approved, the deputy answers the constituent: 查看联系方式.
    ok(await act(clerk.client, c.id, 'reply', { comment: '已修复。', result: 'resolved' }));
    ok(await act(officer.client, c.id, 'approve_reply'));
    const awaiting = ok(await stationDeputy.client.get(`/api/cases/${c.id}`)).json();
    assert.equal(awaiting.submitter.masked, true, 'still masked until she asks');
    assert.equal(awaiting.contactRevealable, true);
    assert.deepEqual(ok(await reveal(stationDeputy.client)).json(), { name: '韦秀英', phone: '13977412345' });
    const recorded = await audits();
    assert.equal(recorded.length, 1);
    assert.equal(recorded[0]!.actor_account_id, stationDeputy.id);
    assert.ok(!JSON.stringify(recorded[0]!.after).includes('13977412345'), 'the audit record names what was shown, without copying the number');
    assert.equal((await reveal(otherStationDeputy.client)).statusCode, 404);
    assert.equal((await reveal(coClerk.client)).statusCode, 403);

    // The station's officer reads it anyway; a reveal by them is recorded too.
    assert.equal(ok(await officer.client.get(`/api/cases/${c.id}`)).json().contactRevealable, false, 'nothing to reveal: shown in full');
    ok(await reveal(officer.client));
    assert.equal((await audits()).length, 2);
  });

  it('keeps a case addressed to one deputy from the station\'s other deputies', async () => {
    const addressee = await make.signedIn('deputy', { deputyId: (await make.deputy({ stations: [{ id: ids.station }] })).id });
    const c = await signedCase({ deputyId: addressee.deputyId! });
    ok(await act(clerk.client, c.id, 'reply', { comment: '已修复。', result: 'resolved' }));
    ok(await act(officer.client, c.id, 'approve_reply'));
    assert.equal((await stationDeputy.client.post(`/api/cases/${c.id}/contact`)).statusCode, 403);
    assert.deepEqual(ok(await addressee.client.post(`/api/cases/${c.id}/contact`)).json(), { name: '韦秀英', phone: '13977412345' });
  });
});

/** A real 2×2 JPEG. */
const TINY_JPEG = 'ffd8ffdb004300100b0c0e0c0a100e0d0e1211101318281a181616183123251d283a333d3c3933383740485c4e404457453738506d51575f626768673e4d71797064785c656763ffdb0043011112121815182f1a1a2f634238426363636363636363636363636363636363636363636363636363636363636363636363636363636363636363636363636363ffc00011080002000203012200021101031101ffc4001500010100000000000000000000000000000005ffc40014100100000000000000000000000000000000ffc4001501010100000000000000000000000000000406ffc40014110100000000000000000000000000000000ffda000c03010002110311003f008e002a87ffd9';

describe('a reply\'s files, checked by content', () => {
  const pdfBytes = (size: number) => { const b = new Uint8Array(size); b.set(Buffer.from('%PDF-1.7\n')); return b; };
  const codeOf = async (fn: () => Promise<unknown>) => { try { await fn(); return null; } catch (err) { return (err as { code?: string }).code ?? String(err); } };

  it('takes the type from the bytes, not the name, and keeps to the size limits', async () => {
    const jpeg = Buffer.from(TINY_JPEG, 'hex');
    const [named] = await checkReplyAttachments([{ name: '答复函.pdf', bytes: jpeg, public: true }]);
    assert.equal(named!.mime, 'image/jpeg', 'a JPEG named .pdf is a JPEG');
    assert.equal(await codeOf(() => checkReplyAttachments([{ name: '答复函.jpg', bytes: jpeg.subarray(0, 120), public: true }])), 'IMAGE_UNREADABLE', 'a JPEG cut short');
    assert.equal((await checkReplyAttachments([{ name: 'a.pdf', bytes: pdfBytes(MAX_REPLY_PDF_BYTES), public: true }]))[0]!.mime, 'application/pdf');
    assert.equal(await codeOf(() => checkReplyAttachments([{ name: 'a.pdf', bytes: pdfBytes(MAX_REPLY_PDF_BYTES + 1), public: true }])), 'REPLY_ATTACHMENT_TOO_LARGE');
    assert.equal(await codeOf(() => checkReplyAttachments([{ name: 'a.pdf', bytes: new TextEncoder().encode('%PDX-1.7'), public: true }])), 'REPLY_ATTACHMENT_TYPE');
    assert.equal(await codeOf(() => checkReplyAttachments([{ name: 'empty.pdf', bytes: new Uint8Array(), public: true }])), 'REPLY_ATTACHMENT_TYPE');
    const three = [1, 2, 3].map((i) => ({ name: `${i}.pdf`, bytes: pdfBytes(MAX_REPLY_PDF_BYTES - 10), public: false }));
    assert.equal(await codeOf(() => checkReplyAttachments(three)), 'REPLY_ATTACHMENT_TOO_LARGE', 'more than 20 MB in all');
    assert.equal(MAX_REPLY_TOTAL_BYTES, 20 * 1024 * 1024);
  });
});
