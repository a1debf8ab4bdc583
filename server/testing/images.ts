import { randomInt } from 'node:crypto';
import sharp from 'sharp';
import { cleanPhoto } from '../platform/uploads/photo.js';

/**
 * A PNG no earlier test run stored (random colour and size), as the server stores it: already
 * decoded and re-encoded, so the stored bytes are these.
 */
export async function photoOfItsOwn(width: number, height: number): Promise<Buffer> {
  const png = await sharp({ create: { width: width + randomInt(50), height, channels: 3, background: { r: randomInt(256), g: randomInt(256), b: randomInt(256) } } }).png().toBuffer();
  const clean = await cleanPhoto(png, 'image/png');
  if (!clean.ok) throw new Error(clean.refusal);
  return Buffer.from(clean.bytes);
}
