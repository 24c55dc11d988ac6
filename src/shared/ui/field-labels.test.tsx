import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ErrorSummary, Radios, renderFragment, TextField } from './index.ts';

// An edge refusal names no field: the summary above the form takes each field's label from the field below.

describe('labels in the error summary', () => {
  test('a refusal without its field gets the label of the field, rendered further down the page', () => {
    const errors = [
      { field: 'mobile', message: '过长，最多 20 个字符', needsLabel: true as const },
      { field: 'kind', message: '不是允许的选项', needsLabel: true as const },
      { field: 'action', message: '不是允许的选项', needsLabel: true as const },
      { field: 'name', message: '请填写姓名' },
    ];
    const html = renderFragment(
      <div>
        <ErrorSummary errors={errors} lang="zh" />
        <TextField name="mobile" label="手机号码" error="过长，最多 20 个字符" lang="zh" />
        <Radios name="kind" legend="证件类型" items={[{ value: 'id', label: '身份证' }]} lang="zh" />
        <TextField name="name" label="姓名" lang="zh" />
      </div>,
    );
    assert.ok(html.includes('<a href="#field-mobile">手机号码：过长，最多 20 个字符</a>'));
    assert.ok(html.includes('<a href="#field-kind">证件类型：不是允许的选项</a>'));
    assert.ok(html.includes('<a href="#field-action">所提交的内容：不是允许的选项</a>'), 'no such field');
    assert.ok(html.includes('<a href="#field-name">请填写姓名</a>'), 'a message naming its field is kept');
    assert.match(html, /<\/span>过长，最多 20 个字符<\/p>/, 'beside the field, the words alone');
  });

  test('in English the label leads and the words follow in lower case; labels are escaped once', () => {
    const html = renderFragment(
      <div>
        <ErrorSummary
          errors={[{ field: 'q', message: 'Too long, at most 50 characters', needsLabel: true }]}
          lang="en"
        />
        <TextField name="q" label="Name & <number>" lang="en" />
      </div>,
    );
    assert.ok(
      html.includes('<a href="#field-q">Name &amp; &lt;number&gt;: too long, at most 50 characters</a>'),
    );
  });

  test('what a person typed cannot pass for a slot', () => {
    const typed = '<!--label-slot-0:0-->';
    const html = renderFragment(
      <div>
        <ErrorSummary errors={[{ field: 'a', message: '格式不正确', needsLabel: true }]} lang="zh" />
        <TextField name="a" label="甲" value={typed} lang="zh" />
      </div>,
    );
    assert.ok(html.includes('甲：格式不正确'));
    assert.ok(html.includes('value="&lt;!--label-slot-0:0--&gt;"'));
  });
});
