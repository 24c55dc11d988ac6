import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { loadCatalogItems } from '../../shared/catalog/index.ts';
import { sampleItem } from '../../shared/catalog/item.fixture.ts';
import { TextArea } from '../../shared/ui/forms.tsx';
import { diffItems } from './catalog-authoring.diff.ts';
import { dottedPath, evaluateInput, fieldForPath } from './catalog-authoring.check.ts';
import { itemToInput, readInput } from './catalog-authoring.form.ts';
import { jsonErrorAt, readNestedJson } from './catalog-authoring.json.ts';

const identity = (item: { id: string; version: number }) => ({ id: item.id, version: item.version });

describe('the editor form and the service item', () => {
  test('every catalogue item survives the trip to the form and back unchanged', () => {
    for (const item of loadCatalogItems()) {
      const { item: back, problems } = readInput(itemToInput(item), identity(item), item);
      assert.deepEqual(problems, [], item.id);
      assert.deepEqual(back, item, item.id);
    }
  });

  test('the English fields are read back into the item, and a missing one is refused at its path', () => {
    const item = sampleItem();
    item.fees.items[0]!.note = '含制证费';
    const input = { ...itemToInput(item), feeItemsEn: 'Production fee', unitNameEn: '' };
    const result = evaluateInput(input, identity(item), item);
    assert.deepEqual(
      result.problems.map((p) => `${p.field}:${p.path ?? ''}`),
      ['unitNameEn:implementingUnit.nameEn', 'feeItemsEn:fees.items[0].noteEn'],
    );
    const fee = (result.item.fees as { items: Record<string, unknown>[] }).items[0];
    assert.equal(fee?.nameEn, 'Production fee');
    const tooMany = evaluateInput(
      { ...itemToInput(sampleItem()), feeItemsEn: 'One\nTwo' },
      identity(item),
      item,
    );
    assert.deepEqual(
      tooMany.problems.map((p) => `${p.kind}:${p.field}`),
      ['input:feeItemsEn'],
    );
  });

  test('the English names of the laws are read back line by line, and a line too many is refused', () => {
    const item = sampleItem();
    const input = {
      ...itemToInput(item),
      legalBasisEn: "Administrative Licensing Law of the People's Republic of China | Article 42",
    };
    const result = evaluateInput(input, identity(item), item);
    assert.deepEqual(result.problems, []);
    assert.deepEqual((result.item.legalBasis as unknown[])[0], {
      title: '《中华人民共和国行政许可法》',
      titleEn: "Administrative Licensing Law of the People's Republic of China",
      article: '第四十二条',
      articleEn: 'Article 42',
    });
    const tooMany = evaluateInput({ ...input, legalBasisEn: 'One\nTwo' }, identity(item), item);
    assert.deepEqual(
      tooMany.problems.map((p) => `${p.kind}:${p.field}`),
      ['input:legalBasisEn'],
    );
    assert.equal(fieldForPath('legalBasis[0].titleEn'), 'legalBasisEn');
  });

  test('a law with no English name keeps its blank line, so the next law keeps its own English', () => {
    const item = sampleItem();
    const laws = [
      { title: '《示范市居住证实施办法》', article: '第三条' },
      { title: '《中华人民共和国护照法》', titleEn: "Passport Law of the People's Republic of China" },
    ];
    const withGap = { ...item, legalBasis: laws };
    const input = itemToInput(withGap);
    assert.equal(input.legalBasisEn, "\nPassport Law of the People's Republic of China");
    const result = evaluateInput(input, identity(withGap), withGap);
    assert.deepEqual(result.problems, []);
    assert.deepEqual(result.item.legalBasis, laws);
    // The form shows the blank first line: HTML would otherwise drop the newline after <textarea>.
    const html = String(TextArea({ name: 'legalBasisEn', label: 'x', value: input.legalBasisEn }));
    assert.match(html, /<textarea[^>]*>\n\nPassport Law/);
    // As the browser posts it back (CRLF), shown again after a refused save or from a kept draft: still blank.
    const again = String(TextArea({ name: 'legalBasisEn', label: 'x', value: `\r\nPassport Law` }));
    assert.match(again, /<textarea[^>]*>\n\nPassport Law<\/textarea>/);
    const posted = evaluateInput(
      { ...input, legalBasisEn: "\r\nPassport Law of the People's Republic of China" },
      identity(withGap),
      withGap,
    );
    assert.deepEqual(posted.item.legalBasis, laws);
  });

  test('the English basis of each fee is read back line by line, and a line too many is refused', () => {
    const item = sampleItem();
    const fees = (item.fees as { items: unknown[] }).items;
    const input = { ...itemToInput(item), feeBasisEn: fees.map((_, i) => `Basis ${i + 1}`).join('\n') };
    const result = evaluateInput(input, identity(item), item);
    assert.deepEqual(result.problems, []);
    const read = (result.item.fees as { items: { basisEn?: string }[] }).items;
    assert.deepEqual(
      read.map((f) => f.basisEn),
      fees.map((_, i) => `Basis ${i + 1}`),
    );
    assert.equal(itemToInput(result.item).feeBasisEn, input.feeBasisEn, 'shown again as typed');
    const tooMany = evaluateInput(
      { ...input, feeBasisEn: `${input.feeBasisEn}\nOne more` },
      identity(item),
      item,
    );
    assert.deepEqual(
      tooMany.problems.map((p) => `${p.kind}:${p.field}`),
      ['input:feeBasisEn'],
    );
    assert.equal(fieldForPath('fees.items[0].basisEn'), 'feeBasisEn');
  });

  test('a valid item has no problems at all', () => {
    const item = sampleItem();
    const result = evaluateInput(itemToInput(item), identity(item), item);
    assert.deepEqual(result.problems, []);
    assert.equal(result.schemaValid, true);
    assert.equal(result.rulesRan, true);
  });

  test('unreadable input, schema breaches and publication rules are all listed at once', () => {
    const item = sampleItem();
    const input = {
      ...itemToInput(item),
      nameEn: '',
      visitsCount: 'two',
      feeItems: '工本费 | ten yuan | ',
      complaintPhone: '0000-61030001',
      onlinePayment: 'yes',
      feeCharged: 'no',
    };
    const result = evaluateInput(input, identity(item), item);
    const byField = result.problems.map((p) => `${p.kind}:${p.field}${p.rule ? `:${p.rule}` : ''}`);
    assert.deepEqual(byField, [
      'schema:nameEn',
      'rule:feeCharged:no-fee-no-items',
      'input:feeItems',
      'rule:onlinePayment:no-fee-no-online-payment',
      'input:visitsCount',
      'rule:complaintPhone:phones-must-differ',
    ]);
    assert.ok(result.problems.every((p) => p.message.zh && p.message.en));
  });

  test('broken JSON keeps the nested parts of the previous content and says where the error is', () => {
    const item = sampleItem();
    const input = { ...itemToInput(item), nested: '{ "situations": [ }' };
    const { item: built, problems } = readInput(input, identity(item), item);
    assert.deepEqual(built.situations, item.situations);
    assert.equal(problems.length, 1);
    assert.equal(problems[0]?.field, 'nested');
    assert.match(problems[0]?.message.en ?? '', /line 1, column 19/);
    const multiline = readInput(
      { ...input, nested: '{\n  "steps": [\n    { "name": "a" "description": "b" }\n  ]\n}' },
      identity(item),
      item,
    );
    assert.match(multiline.problems[0]?.message.zh ?? '', /第3行第19列/);
  });

  test('the JSON locator agrees with JSON.parse on what is valid', () => {
    const samples = ['{}', '[1, 2.5e3, -0, "a\\u00e9", true, false, null]', '{"a": {"b": [ ]}}', '  "x"  '];
    for (const text of samples) assert.equal(jsonErrorAt(text), undefined, text);
    const broken: [string, number, string][] = [
      ['{"a": 1,}', 8, 'PropertyNameExpected'],
      ['[1,]', 3, 'ValueExpected'],
      ['[1 2]', 3, 'CommaExpected'],
      ['{"a" 1}', 5, 'ColonExpected'],
      ['"open', 0, 'UnexpectedEndOfString'],
      ['{"a": tru}', 6, 'InvalidSymbol'],
      ['{} x', 3, 'InvalidSymbol'],
      ['', 0, 'ValueExpected'],
      ['{"a": 1 /* why */}', 8, 'InvalidCommentToken'],
      ['// why\n{}', 0, 'InvalidCommentToken'],
    ];
    for (const [text, offset, kind] of broken) {
      assert.throws(() => JSON.parse(text));
      const at = jsonErrorAt(text);
      assert.equal(at?.offset, offset, text);
      assert.equal(at?.kind, kind, text);
    }
  });

  test('comments and trailing commas are refused with their own words, in both languages', () => {
    const read = (text: string) => {
      const result = readNestedJson(text);
      assert.ok('problem' in result, text);
      return result.problem;
    };
    const comma = read('{\n  "steps": [],\n  "faq": [],\n}');
    assert.match(comma.zh, /第4行第1列“}”处无法读取（右括号前有多余的逗号/);
    assert.match(comma.en, /line 4, column 1 \("}"\): remove the comma before the closing bracket/);
    const comment = read('{\r\n  "steps": [] // the steps\r\n}');
    assert.match(comment.zh, /第2行第15列“\/\/ the steps”处无法读取（JSON 中不能写注释）/);
    assert.match(comment.en, /line 2, column 15 \("\/\/ the steps"\): JSON allows no comments/);
    assert.deepEqual(readNestedJson('{"steps": []}'), { value: { steps: [] } });
  });

  test('a schema error inside the JSON names its exact path', () => {
    const item = sampleItem();
    const nested = JSON.parse(String(itemToInput(item).nested)) as {
      situations: { materials: { type: string }[] }[];
    };
    nested.situations[0]!.materials[0]!.type = 'photocopy';
    const result = evaluateInput(
      { ...itemToInput(item), nested: JSON.stringify(nested) },
      identity(item),
      item,
    );
    assert.equal(result.problems.length, 1);
    assert.equal(result.problems[0]?.path, 'situations[0].materials[0].type');
    assert.match(result.problems[0]?.message.zh ?? '', /situations\[0\]\.materials\[0\]\.type/);
  });

  test('an item too large to cross the exchange is refused before it gets there', () => {
    const item = sampleItem();
    item.faq = Array.from({ length: 300 }, (_, i) => ({
      q: `问题${i}`,
      qEn: `Question ${i}`,
      a: '答'.repeat(400),
      aEn: 'Answer',
    }));
    const result = evaluateInput(itemToInput(item), identity(item), item);
    assert.deepEqual(
      result.problems.map((p) => p.field),
      ['nested'],
    );
    assert.match(result.problems[0]?.message.zh ?? '', /超过 200 KB/);
  });

  test('NULs and a __proto__ key in the JSON become harmless data', () => {
    const item = sampleItem();
    const nested =
      '{"situations": [], "steps": [], "places": [], "faq": [{"q": "a\\u0000b", "a": "c", "__proto__": {"x": 1}}]}';
    const result = evaluateInput({ ...itemToInput(item), nameZh: 'x\u0000y', nested }, identity(item), item);
    assert.equal((result.item.name as { zh: string }).zh, 'xy');
    const faq = result.item.faq as Record<string, unknown>[];
    assert.equal(faq[0]?.q, 'ab');
    assert.ok(Object.hasOwn(faq[0] ?? {}, '__proto__'));
    assert.equal(Object.getPrototypeOf(faq[0]), Object.prototype);
    assert.ok(result.problems.some((p) => p.path === 'faq[0].__proto__'));
  });

  test('paths map to the field that holds them', () => {
    assert.equal(fieldForPath('fees.items[0].basis'), 'feeItems');
    assert.equal(fieldForPath('fees.items[0].nameEn'), 'feeItemsEn');
    assert.equal(fieldForPath('implementingUnit.nameEn'), 'unitNameEn');
    assert.equal(fieldForPath('acceptanceConditionsEn[2]'), 'acceptanceConditionsEn');
    assert.equal(fieldForPath('reviewAndLitigation.reviewEn'), 'reviewEn');
    assert.equal(fieldForPath('steps[1].descriptionEn'), 'nested');
    assert.equal(fieldForPath('/timeLimits/promised/value'), 'promisedValue');
    assert.equal(fieldForPath('/timeLimits/promised/unit'), 'promisedUnit');
    assert.equal(fieldForPath('visits.count'), 'visitsCount');
    assert.equal(fieldForPath('steps'), 'nested');
    assert.equal(dottedPath('/situations/0/materials/1/type'), 'situations[0].materials[1].type');
  });
});

describe('comparing versions', () => {
  test('lists changed, added and removed leaves in document order', () => {
    const before = sampleItem();
    const after = sampleItem();
    after.version = 2;
    after.name.zh = '新名称';
    after.faq.push({ q: '能加急吗？', a: '不能。' });
    after.fees = { charged: false, items: [] };
    after.onlinePayment = false;
    const rows = diffItems(before, after);
    assert.deepEqual(
      rows.map((r) => [r.path, r.before, r.after, r.change]),
      [
        ['name.zh', '示例许可', '新名称', 'changed'],
        ['fees.charged', 'true', 'false', 'changed'],
        ['fees.items', null, '[]', 'added'],
        ['fees.items[0].name', '工本费', null, 'removed'],
        ['fees.items[0].nameEn', 'Production fee', null, 'removed'],
        ['fees.items[0].amountFen', '1000', null, 'removed'],
        ['fees.items[0].basis', '示例收费依据', null, 'removed'],
        ['onlinePayment', 'true', 'false', 'changed'],
        ['faq[1].q', null, '能加急吗？', 'added'],
        ['faq[1].a', null, '不能。', 'added'],
      ],
    );
  });
});
