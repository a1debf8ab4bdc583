import { sniffImageType, type ImageType } from './imageType.js';

/** A PDF file starts with `%PDF-` (ISO 32000-1, 7.5.2), recognised by its bytes, never by its name. */
export function isPdf(bytes: Uint8Array): boolean {
  return bytes.length >= 5 && bytes[0] === 0x25 && bytes[1] === 0x50 && bytes[2] === 0x44 && bytes[3] === 0x46 && bytes[4] === 0x2d;
}

/** The types a document with photos may be (a letter as PDF, photos as JPEG, PNG or WebP), by their first bytes. */
export type DocumentOrImageType = 'application/pdf' | ImageType;

export function sniffDocumentOrImage(bytes: Uint8Array): DocumentOrImageType | null {
  return isPdf(bytes) ? 'application/pdf' : sniffImageType(bytes);
}
