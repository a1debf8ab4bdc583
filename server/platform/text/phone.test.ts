import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isMainlandMobile, maskPhone, normalisePhone } from './phone.js';

describe('isMainlandMobile', () => {
  it('accepts 11-digit numbers starting 13–19', () => {
    for (const prefix of ['13', '14', '15', '16', '17', '18', '19']) {
      assert.equal(isMainlandMobile(`${prefix}812341234`), true, prefix);
    }
    assert.equal(isMainlandMobile('19999999999'), true);
    assert.equal(isMainlandMobile('13000000000'), true);
  });

  it('rejects numbers starting 10–12 or not starting with 1', () => {
    for (const n of ['10812341234', '11812341234', '12812341234', '23812341234', '03812341234']) {
      assert.equal(isMainlandMobile(n), false, n);
    }
  });

  it('rejects the wrong number of digits', () => {
    assert.equal(isMainlandMobile('1381234123'), false, '10 digits');
    assert.equal(isMainlandMobile('138123412345'), false, '12 digits');
    assert.equal(isMainlandMobile('1'), false);
    assert.equal(isMainlandMobile(''), false);
  });

  it('rejects letters and other characters', () => {
    assert.equal(isMainlandMobile('1381234123a'), false);
    assert.equal(isMainlandMobile('138.1234.1234'), false);
    assert.equal(isMainlandMobile('(138)12341234'), false);
    assert.equal(isMainlandMobile('+86'), false);
    assert.equal(isMainlandMobile('１３８１２３４１２３４'), false, 'full-width digits');
  });

  it('accepts the +86 / 86 country code, spaces and dashes', () => {
    for (const n of [
      '+8613812341234', '8613812341234', '+86 138 1234 1234', '+86-138-1234-1234',
      '138 1234 1234', '138-1234-1234', ' 13812341234 ', '138\t1234\t1234',
    ]) {
      assert.equal(isMainlandMobile(n), true, JSON.stringify(n));
    }
  });

  it('still checks the number after the country code', () => {
    assert.equal(isMainlandMobile('+8612812341234'), false, '12x after +86');
    assert.equal(isMainlandMobile('+861381234123'), false, '10 digits after +86');
    assert.equal(isMainlandMobile('+86138123412345'), false, '12 digits after +86');
    assert.equal(isMainlandMobile('+8513812341234'), false, 'another country code');
    assert.equal(isMainlandMobile('13812341234+86'), false, 'country code at the end');
  });
});

describe('normalisePhone', () => {
  it('drops spaces, dashes and a leading +86', () => {
    assert.equal(normalisePhone('+86 138-1234-1234'), '13812341234');
    assert.equal(normalisePhone('86 13812341234'), '13812341234');
    assert.equal(normalisePhone('138 1234 1234'), '13812341234');
    assert.equal(normalisePhone('13812341234'), '13812341234');
  });

  it('removes the country code only at the start', () => {
    assert.equal(normalisePhone('13886123456'), '13886123456');
  });
});

describe('maskPhone', () => {
  it('shows the first 3 and last 4 digits of a mobile number', () => {
    assert.equal(maskPhone('13812341234'), '138****1234');
    assert.equal(maskPhone('19987654321'), '199****4321');
  });

  it('hides the middle digits', () => {
    const masked = maskPhone('13856789012')!;
    assert.equal(masked, '138****9012');
    assert.ok(!masked.includes('5678'));
  });

  it('keeps null as null', () => {
    assert.equal(maskPhone(null), null);
  });

  it('hides short strings entirely', () => {
    assert.equal(maskPhone(''), '****');
    assert.equal(maskPhone('1'), '****');
    assert.equal(maskPhone('1234'), '****');
    assert.equal(maskPhone('123456'), '****');
  });

  it('masks longer strings around the middle', () => {
    assert.equal(maskPhone('+8613812341234'), '+86****1234');
  });

  it('keeps at most the last 4 characters of 7–10 character strings, as documented', () => {
    for (const s of ['1234567', '12345678', '123456789', '1234567890']) {
      const masked = maskPhone(s)!;
      assert.equal(masked, `****${s.slice(-4)}`, s);
    }
  });
});
