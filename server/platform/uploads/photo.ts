import type { FormatEnum } from 'sharp';
import { AppError } from '../errors.js';
import type { DocumentOrImageType } from './documentType.js';
import { sniffImageType, type ImageType } from './imageType.js';

/**
 * The most pixels a photo may have: 40 million (8000 × 5000), more than a phone's camera saves
 * by default (12–50 MP). A few kilobytes of PNG or WebP can declare billions of pixels (a
 * decompression bomb); the header is read first and such a file is refused before decoding.
 */
export const MAX_PHOTO_PIXELS = 40_000_000;

/** Why a photo was refused after its first bytes said it is one. */
export type PhotoRefusal = 'PHOTO_UNREADABLE' | 'PHOTO_TOO_MANY_PIXELS';

/** A photo decoded and written anew: upright, without EXIF (GPS, camera, time), XMP, IPTC or comments, in the type it came in. */
export type CleanPhoto = { ok: true; mime: ImageType; bytes: Uint8Array } | { ok: false; refusal: PhotoRefusal };

const FORMATS: Record<ImageType, keyof FormatEnum> = { 'image/jpeg': 'jpeg', 'image/png': 'png', 'image/webp': 'webp' };

/**
 * Decodes a photo whose first bytes say JPEG, PNG or WebP, turns it upright by its EXIF
 * orientation, and encodes it again in the same type. Nothing of the original file but its
 * pixels survives: sharp writes no metadata unless asked, so EXIF (the phone's GPS position
 * among it), XMP, IPTC and comments are gone, and the colours are converted to sRGB. A file that
 * does not decode to the end (truncated, corrupt, or another format behind the magic bytes) is
 * refused, and so is one of more than MAX_PHOTO_PIXELS pixels, judged from its header. An
 * animated image keeps its first frame. Decoding runs on libvips' threads, not the event loop.
 */
export async function cleanPhoto(bytes: Uint8Array, mime: ImageType): Promise<CleanPhoto> {
  // libvips is loaded with the first photo, not at start.
  const { default: sharp } = await import('sharp');
  let width: number;
  let height: number;
  let format: string | undefined;
  try {
    ({ width, height, format } = await sharp(bytes, { limitInputPixels: false }).metadata());
  } catch {
    return { ok: false, refusal: 'PHOTO_UNREADABLE' };
  }
  if (format !== FORMATS[mime]) return { ok: false, refusal: 'PHOTO_UNREADABLE' };
  if (width * height > MAX_PHOTO_PIXELS) return { ok: false, refusal: 'PHOTO_TOO_MANY_PIXELS' };
  try {
    const image = sharp(bytes, { limitInputPixels: MAX_PHOTO_PIXELS, failOn: 'error', sequentialRead: true }).autoOrient();
    const out = mime === 'image/jpeg' ? image.jpeg({ quality: 85, mozjpeg: true })
      : mime === 'image/png' ? image.png()
        : image.webp({ quality: 85 });
    return { ok: true, mime, bytes: new Uint8Array(await out.toBuffer()) };
  } catch {
    return { ok: false, refusal: 'PHOTO_UNREADABLE' };
  }
}

/**
 * The bytes to keep of a file already judged by its first bytes (and its size): a PDF as it came,
 * a photo cleaned by `cleanPhoto`. A photo that does not decode, or has too many pixels, is
 * refused naming the file (IMAGE_UNREADABLE, IMAGE_TOO_MANY_PIXELS).
 */
export async function keptBytes(file: { name: string; bytes: Uint8Array }, mime: DocumentOrImageType): Promise<Uint8Array> {
  if (mime === 'application/pdf') return file.bytes;
  const clean = await cleanPhoto(file.bytes, mime);
  if (!clean.ok) throw photoRefused(clean.refusal, file.name);
  return clean.bytes;
}

/** The error of a photo refused after decoding, naming the file. */
export function photoRefused(refusal: PhotoRefusal, name: string): AppError {
  return refusal === 'PHOTO_TOO_MANY_PIXELS'
    ? new AppError('IMAGE_TOO_MANY_PIXELS', { name, maxMegapixels: MAX_PHOTO_PIXELS / 1_000_000 })
    : new AppError('IMAGE_UNREADABLE', { name });
}

/** A photo sniffed and cleaned: its type, or the field code of why not. */
export async function checkedPhoto(bytes: Uint8Array, maxBytes: number): Promise<{ ok: true; mime: ImageType; bytes: Uint8Array } | { ok: false; code: 'PHOTO_TYPE' | 'PHOTO_TOO_LARGE' | PhotoRefusal }> {
  const mime = sniffImageType(bytes);
  if (!mime) return { ok: false, code: 'PHOTO_TYPE' };
  if (bytes.length > maxBytes) return { ok: false, code: 'PHOTO_TOO_LARGE' };
  const clean = await cleanPhoto(bytes, mime);
  return clean.ok ? clean : { ok: false, code: clean.refusal };
}
