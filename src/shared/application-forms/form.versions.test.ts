import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sampleForm } from './form.fixture.ts';
import { FormVersionError, FormVersions, formHash } from './form.versions.ts';

function version(n: number, change?: (form: ReturnType<typeof sampleForm>) => void) {
  const form = sampleForm();
  form.version = n;
  change?.(form);
  return form;
}

test('every version is kept by id and version; the newest is current', () => {
  const versions = new FormVersions([version(2), version(1)]);
  assert.deepEqual(versions.versions('sample-licence'), [1, 2]);
  assert.equal(versions.current('sample-licence')?.version, 2);
  assert.equal(versions.get('sample-licence', 1).version, 1);
  assert.equal(versions.find('sample-licence', 3), undefined);
  assert.equal(versions.current('other-form'), undefined);
  assert.throws(() => versions.get('sample-licence', 3), /no form sample-licence@3 is loaded/);
});

test('the same content again is accepted, whatever the order of its keys', () => {
  const versions = new FormVersions([version(1)]);
  const shuffled = Object.fromEntries(Object.entries(version(1)).reverse()) as ReturnType<typeof sampleForm>;
  shuffled.pages[0] = Object.fromEntries(Object.entries(shuffled.pages[0]!).reverse()) as never;
  assert.notEqual(JSON.stringify(shuffled), JSON.stringify(version(1)));
  assert.equal(formHash(shuffled), formHash(version(1)));
  assert.equal(versions.add(shuffled), 'unchanged');
});

test('a changed definition under an existing version number is refused', () => {
  const versions = new FormVersions([version(1)]);
  const changed = version(1, (form) => void (form.pages[0]!.title.zh = '您的信息'));
  assert.notEqual(formHash(changed), formHash(version(1)));
  assert.throws(
    () => versions.add(changed),
    (err: unknown) =>
      err instanceof FormVersionError &&
      /form sample-licence@1 already exists with other content .*give the changed form a new version number/.test(
        err.message,
      ),
  );
  assert.equal(
    versions.get('sample-licence', 1).pages[0]!.title.zh,
    '申请人信息',
    'the held version is untouched',
  );
  assert.equal(versions.add(version(2, (form) => void (form.pages[0]!.title.zh = '您的信息'))), 'added');
  assert.equal(versions.current('sample-licence')?.pages[0]!.title.zh, '您的信息');
  assert.equal(versions.get('sample-licence', 1).pages[0]!.title.zh, '申请人信息');
});
