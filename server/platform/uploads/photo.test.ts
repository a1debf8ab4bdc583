import assert from 'node:assert/strict';
import { crc32 } from 'node:zlib';
import { after, before, describe, it } from 'node:test';
import sharp from 'sharp';
import { signIn, startTestApp, type TestApp } from '../../testing/harness.js';
import { cleanPhoto, keptBytes, MAX_PHOTO_PIXELS } from './photo.js';

/** GPS of 黄田镇 and a camera, as a phone writes them (IFD3 is the GPS directory). */
const EXIF = {
  IFD0: { Make: 'LianxinPhone', Model: 'Test 1', Copyright: 'someone' },
  IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '24/1 27/1 3539/100', GPSLongitudeRef: 'E', GPSLongitude: '111/1 35/1 638/100' },
};

async function photoWithGps(format: 'jpeg' | 'png' | 'webp', width = 40, height = 20): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: { r: 30, g: 120, b: 200 } } })[format]().withExif(EXIF).toBuffer();
}

/** A PNG whose header says `width` × `height`, with the pixels of a 1×1 image: a few bytes claiming billions of pixels. */
async function pngClaiming(width: number, height: number): Promise<Buffer> {
  const png = Buffer.from(await sharp({ create: { width: 1, height: 1, channels: 3, background: '#000' } }).png().toBuffer());
  // IHDR: length (4) "IHDR" (4) width (4) height (4) … its CRC over type and data.
  png.writeUInt32BE(width, 16);
  png.writeUInt32BE(height, 20);
  png.writeUInt32BE(crc32(png.subarray(12, 29)), 29);
  return png;
}

const hasGps = (bytes: Uint8Array) => Buffer.from(bytes).includes('LianxinPhone') || Buffer.from(bytes).includes('GPS');

describe('photos decoded and re-encoded', () => {
  it('strips EXIF (GPS, camera) from JPEG, PNG and WebP and keeps the type', async () => {
    for (const [format, mime] of [['jpeg', 'image/jpeg'], ['png', 'image/png'], ['webp', 'image/webp']] as const) {
      const original = await photoWithGps(format);
      const before = await sharp(original).metadata();
      assert.ok(before.exif && before.exif.includes('LianxinPhone'), `${format}: the test photo carries EXIF`);
      const clean = await cleanPhoto(original, mime);
      assert.ok(clean.ok, format);
      assert.equal(clean.mime, mime);
      const after = await sharp(clean.bytes).metadata();
      assert.equal(after.format, format);
      assert.equal(after.exif, undefined, `${format}: no EXIF left`);
      assert.equal(after.xmp, undefined);
      assert.ok(!hasGps(clean.bytes), `${format}: nothing of the EXIF in the bytes`);
      assert.deepEqual([after.width, after.height], [40, 20]);
    }
  });

  it('turns a photo upright by its EXIF orientation, then drops the tag', async () => {
    const sideways = await sharp({ create: { width: 40, height: 20, channels: 3, background: '#345' } }).jpeg().withMetadata({ orientation: 6 }).toBuffer();
    assert.equal((await sharp(sideways).metadata()).orientation, 6);
    const clean = await cleanPhoto(sideways, 'image/jpeg');
    assert.ok(clean.ok);
    const meta = await sharp(clean.bytes).metadata();
    assert.deepEqual([meta.width, meta.height, meta.orientation], [20, 40, undefined]);
  });

  it('refuses a photo cut short, a corrupt one, and another format behind the magic bytes', async () => {
    const jpeg = await sharp({ create: { width: 64, height: 64, channels: 3, background: '#888', noise: { type: 'gaussian', mean: 128, sigma: 40 } } }).jpeg().toBuffer();
    assert.deepEqual(await cleanPhoto(jpeg.subarray(0, Math.floor(jpeg.length / 2)), 'image/jpeg'), { ok: false, refusal: 'PHOTO_UNREADABLE' });
    const png = await photoWithGps('png');
    const corrupt = Buffer.from(png);
    corrupt.fill(0x41, corrupt.length - 40, corrupt.length - 12);
    assert.deepEqual(await cleanPhoto(corrupt, 'image/png'), { ok: false, refusal: 'PHOTO_UNREADABLE' });
    const magicOnly = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from('not a picture at all')]);
    assert.deepEqual(await cleanPhoto(magicOnly, 'image/jpeg'), { ok: false, refusal: 'PHOTO_UNREADABLE' });
    assert.deepEqual(await cleanPhoto(png, 'image/jpeg'), { ok: false, refusal: 'PHOTO_UNREADABLE' }, 'a PNG sent as a JPEG');
  });

  it('refuses a decompression bomb from its header, before decoding', async () => {
    const bomb = await pngClaiming(100_000, 100_000);
    assert.ok(bomb.length < 200);
    assert.deepEqual(await cleanPhoto(bomb, 'image/png'), { ok: false, refusal: 'PHOTO_TOO_MANY_PIXELS' });
    // A real one: 9000 × 5000 of one colour is a few kilobytes of PNG and 45 million pixels.
    const real = await sharp({ create: { width: 9000, height: 5000, channels: 3, background: '#fff' } }).png({ compressionLevel: 9 }).toBuffer();
    assert.ok(real.length < 200_000 && 9000 * 5000 > MAX_PHOTO_PIXELS);
    assert.deepEqual(await cleanPhoto(real, 'image/png'), { ok: false, refusal: 'PHOTO_TOO_MANY_PIXELS' });
    await assert.rejects(keptBytes({ name: '巨图.png', bytes: bomb }, 'image/png'), (e: { code?: string; details?: { name?: string } }) => e.code === 'IMAGE_TOO_MANY_PIXELS' && e.details?.name === '巨图.png');
  });

  it('keeps a PDF as it came', async () => {
    const pdf = Buffer.from('%PDF-1.7\n%%EOF\n');
    assert.equal(await keptBytes({ name: 'a.pdf', bytes: pdf }, 'application/pdf'), pdf);
  });

  describe('on the API', () => {
    let t: TestApp;
    before(async () => { t = await startTestApp(); });
    after(() => t.close());

    const submit = async (photos: Buffer[], from: string) => {
      const station = await t.database.db.selectFrom('station').select('id').where('name', '=', '平桂区黄田镇人大代表联络站').executeTakeFirstOrThrow();
      const category = await t.database.db.selectFrom('case_category').select('id').where('code', '=', 'water').executeTakeFirstOrThrow();
      return t.app.inject({
        method: 'POST', url: '/api/public/opinions', remoteAddress: from, headers: { 'accept-language': 'en' },
        payload: { stationId: station.id, categoryId: category.id, content: '渠边照片', photos: photos.map((p) => ({ data: p.toString('base64') })) },
      });
    };

    it('stores a submitted photo without its GPS position, and serves it so', async () => {
      const res = await submit([await photoWithGps('jpeg', 400, 300)], '203.0.113.91');
      assert.equal(res.statusCode, 201, res.body);
      const row = await t.database.db.selectFrom('opinion_photo as p').innerJoin('opinion as o', 'o.id', 'p.opinion_id')
        .select(['p.id', 'p.opinion_id', 'p.size', 'p.mime']).where('o.tracking_code', '=', res.json<{ trackingCode: string }>().trackingCode).executeTakeFirstOrThrow();
      const officer = await signIn(t.app, 'huangtian');
      const got = await officer.get(`/api/cases/${row.opinion_id}/photos/${row.id}`);
      assert.equal(got.statusCode, 200);
      assert.equal(row.mime, 'image/jpeg');
      assert.equal(got.rawPayload.length, row.size);
      const meta = await sharp(got.rawPayload).metadata();
      assert.equal(meta.exif, undefined);
      assert.deepEqual([meta.format, meta.width, meta.height], ['jpeg', 400, 300]);
      assert.ok(!hasGps(got.rawPayload));
    });

    it('refuses a truncated photo and a pixel bomb, naming each', async () => {
      const good = await photoWithGps('webp');
      const jpeg = await photoWithGps('jpeg', 300, 200);
      const res = await submit([good, jpeg.subarray(0, jpeg.length - 400), await pngClaiming(60_000, 60_000)], '203.0.113.92');
      assert.equal(res.statusCode, 400, res.body);
      const fields = res.json<{ error: { code: string; fields: { path: string; code: string; message: string }[] } }>().error;
      assert.equal(fields.code, 'VALIDATION_FAILED');
      assert.deepEqual(fields.fields.map((f) => [f.path, f.code]), [['photos.1', 'PHOTO_UNREADABLE'], ['photos.2', 'PHOTO_TOO_MANY_PIXELS']]);
    });
  });
});
