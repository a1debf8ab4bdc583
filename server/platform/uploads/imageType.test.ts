import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sniffImageType } from './imageType.js';

describe('sniffImageType', () => {
  it('recognises JPEG, PNG and WebP by their first bytes', () => {
    assert.equal(sniffImageType(Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10])), 'image/jpeg');
    assert.equal(sniffImageType(Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d])), 'image/png');
    assert.equal(sniffImageType(new Uint8Array(Buffer.from('RIFF\x24\x00\x00\x00WEBPVP8 ', 'latin1'))), 'image/webp');
  });

  it('refuses anything else, whatever it is called', () => {
    assert.equal(sniffImageType(new Uint8Array(Buffer.from('GIF89a......'))), null);
    assert.equal(sniffImageType(new Uint8Array(Buffer.from('%PDF-1.7\n'))), null);
    assert.equal(sniffImageType(new Uint8Array(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'))), null);
    assert.equal(sniffImageType(new Uint8Array(Buffer.from('RIFF\x24\x00\x00\x00WAVEfmt ', 'latin1'))), null);
    assert.equal(sniffImageType(new Uint8Array([0xff, 0xd8])), null);
    assert.equal(sniffImageType(new Uint8Array()), null);
  });
});
