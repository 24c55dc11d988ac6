import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { blockingHits, checkPublication, fingerprintOf, type HitCategory } from './publication-check.ts';

const TODAY = '2026-12-06';
const categories = (text: string): HitCategory[] =>
  checkPublication({ body: text }, TODAY).map((h) => h.category);

describe('publication check', () => {
  test('ID numbers: a valid check digit is a hit, a wrong one or a masked one is not', () => {
    assert.deepEqual(categories('身份证号110105198001010016，请核对。'), ['id-number']);
    assert.deepEqual(categories('订单号110105198001010017已受理。'), []);
    assert.deepEqual(categories('号码1101**********0016已隐去。'), []);
    // An old 15-digit number with a real birth date.
    assert.deepEqual(categories('原号码110105800101001。'), ['id-number']);
  });

  test('mobiles always; landlines unless they are a unit’s own number', () => {
    assert.deepEqual(categories('联系人手机13800000001。'), ['phone']);
    assert.deepEqual(categories('联系人手机138-0000-0001。'), ['phone']);
    assert.deepEqual(categories('当事人电话0755-88886666。'), ['phone']);
    assert.deepEqual(categories('出入境大厅咨询电话0755-88886666。'), []);
    assert.deepEqual(categories('派出所民警联系了当事人，其电话0755-88886666。'), ['phone']);
    assert.deepEqual(categories('请拨打110或12345。'), []);
  });

  test('names after a role word, unless masked', () => {
    assert.deepEqual(categories('犯罪嫌疑人张三因涉嫌诈骗被刑事拘留。'), ['name']);
    assert.deepEqual(categories('犯罪嫌疑人张某因涉嫌诈骗被刑事拘留。'), []);
    assert.deepEqual(categories('当事人：李小明，男。'), ['name']);
    assert.deepEqual(categories('嫌疑人已被依法刑事拘留。'), []);
  });

  test('plates in full, not masked ones or police plates', () => {
    assert.deepEqual(categories('车牌号粤B12345的小型汽车。'), ['plate']);
    assert.deepEqual(categories('车牌号粤B1***5的小型汽车。'), []);
    assert.deepEqual(categories('警车粤A1234警到场。'), []);
  });

  test('addresses in personal contexts, not a unit’s address', () => {
    assert.deepEqual(categories('该男子家住示范市中心区幸福路18号。'), ['address']);
    assert.deepEqual(categories('办公地址：示范市中心区人民路1号。'), []);
  });

  test('secret and internal markings', () => {
    assert.deepEqual(categories('【内部】本通报仅供参考。'), ['secret']);
    assert.deepEqual(categories('此件为内部资料，不得外传。'), ['secret', 'secret']);
    assert.deepEqual(categories('市局开展保密宣传月活动。'), []);
  });

  test('each hit says where it is, hides the match, and is named by a stable fingerprint', () => {
    const [hit] = checkPublication({ title: '通报', body: '第一行\n身份证号110105198001010016' }, TODAY);
    assert.ok(hit);
    assert.equal(hit.field, 'body');
    assert.equal(hit.line, 2);
    assert.ok(!hit.excerpt.includes('110105198001010016'));
    assert.equal(hit.fingerprint, fingerprintOf('id-number', '110105198001010016'));
    assert.match(hit.explanation.zh, /身份证号码/);
  });

  test('an override lets exactly its hit through', () => {
    const hits = checkPublication({ body: '被通缉人王大力，手机13800000001。' }, TODAY);
    assert.deepEqual(
      hits.map((h) => h.category),
      ['name', 'phone'],
    );
    const name = hits.find((h) => h.category === 'name');
    assert.ok(name);
    const left = blockingHits(hits, [{ fingerprint: name.fingerprint, reason: '通缉令依法公开姓名' }]);
    assert.deepEqual(
      left.map((h) => h.category),
      ['phone'],
    );
  });
});
