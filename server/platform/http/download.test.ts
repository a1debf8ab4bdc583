import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { attachment } from './download.js';

describe('attachment', () => {
  it('sends a Chinese name as UTF-8 in filename* with an ASCII stand-in', () => {
    assert.equal(
      attachment('黄田镇联络站-二维码海报.png', 'station-1-poster.png'),
      "attachment; filename=\"station-1-poster.png\"; filename*=UTF-8''%E9%BB%84%E7%94%B0%E9%95%87%E8%81%94%E7%BB%9C%E7%AB%99-%E4%BA%8C%E7%BB%B4%E7%A0%81%E6%B5%B7%E6%8A%A5.png",
    );
  });

  it('encodes what RFC 5987 does not allow bare, and keeps quotes out of the stand-in', () => {
    const header = attachment("a (b)'*.pdf", 'a "b"\\.pdf');
    assert.match(header, /filename\*=UTF-8''a%20%28b%29%27%2A\.pdf$/);
    assert.match(header, /filename="a _b__\.pdf"/);
    assert.equal(decodeURIComponent(header.split("''")[1]!), "a (b)'*.pdf");
  });
});
