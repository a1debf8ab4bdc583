import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { maskText } from './maskText.js';

describe('maskText', () => {
  it('masks mobile numbers written with or without spaces, dashes and +86', () => {
    assert.equal(maskText('请打13812345678或138 1234 5678联系'), '请打138****5678或138****5678联系');
    assert.equal(maskText('联系人张三 138-0013-8000'), '联系人张三 138****8000');
    assert.equal(maskText('电话 138 0013 8000'), '电话 138****8000');
    assert.equal(maskText('电话+86 138 0013 8000'), '电话138****8000');
    assert.equal(maskText('电话１３８００１３８０００'), '电话138****8000');
  });

  it('masks landlines with their area code and short local numbers', () => {
    assert.equal(maskText('座机0774-5123456'), '座机077****3456');
    assert.equal(maskText('电话8881234'), '电话****1234');
  });

  it('masks identity-card numbers', () => {
    assert.equal(maskText('身份证452402199001011234'), '身份证452*************34');
    assert.equal(maskText('身份证45240219900101123X'), '身份证452*************3X');
  });

  it('leaves dates, years and short numbers alone', () => {
    assert.equal(maskText('2024年3月修了3次'), '2024年3月修了3次');
    assert.equal(maskText('于2026-12-24议事'), '于2026-12-24议事');
    assert.equal(maskText('第4周 15个工作日'), '第4周 15个工作日');
  });
});
