import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { JSX } from 'hono/jsx/jsx-runtime';
import type { PageContext } from './context.ts';
import {
  Checkboxes,
  ErrorSummary,
  Form,
  Layout,
  Pagination,
  Radios,
  renderFragment,
  renderPage,
  Select,
  SummaryList,
  Table,
  TextArea,
  TextField,
  workbenchNav,
} from './index.ts';

const HOSTILE = '"><script>alert(1)</script>';

function ctx(over: Partial<PageContext> = {}): PageContext {
  return { zone: 'portal', lang: 'zh', elder: false, path: '/services?a=1&b=2', ...over };
}

function page(c: PageContext, body: JSX.Element | string = 'x', title = '标题'): string {
  return renderPage(
    <Layout ctx={c} title={title}>
      {body}
    </Layout>,
  );
}

/** The opening tag of the element with the given id. */
function tagWithId(html: string, id: string): string {
  const m = html.match(new RegExp(`<[a-z]+ [^>]*id="${id}"[^>]*>`));
  assert.ok(m, `no element with id ${id}`);
  return m[0];
}

describe('escaping', () => {
  test('hostile field value, title, user name and error text are escaped', () => {
    const html = page(
      ctx({ user: { displayName: HOSTILE, kind: 'citizen' }, csrfToken: HOSTILE }),
      <>
        <ErrorSummary errors={[{ field: 'name', message: HOSTILE }]} />
        <TextField name="name" label={HOSTILE} hint={HOSTILE} error={HOSTILE} value={HOSTILE} />
        <TextArea name="note" label="说明" value={`</textarea>${HOSTILE}`} />
        <SummaryList rows={[{ key: HOSTILE, value: HOSTILE, changeHref: '/x' }]} />
      </>,
      HOSTILE,
    );
    assert.ok(!html.includes('<script>'), 'raw <script> in output');
    assert.equal(html.split('</textarea>').length, 2, 'textarea content broke out');
    assert.ok(html.includes('&lt;/textarea&gt;'));
    assert.ok(html.includes('value="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"'));
    assert.match(
      html,
      /<title>&quot;&gt;&lt;script&gt;alert\(1\)&lt;\/script&gt; - 示范市公安局 网上公安局<\/title>/,
    );
  });

  test('no inline scripts: the only script is the self-hosted deferred one', () => {
    const html = page(ctx());
    const scripts = html.match(/<script[^>]*>/g) ?? [];
    assert.deepEqual(scripts, ['<script src="/static/enhance.js" defer="">']);
    assert.ok(!/\son[a-z]+=/.test(html), 'inline event handler found');
    const without = renderPage(
      <Layout ctx={ctx()} title="t" enhance={false}>
        x
      </Layout>,
    );
    assert.ok(!without.includes('<script'));
  });
});

describe('layout', () => {
  test('doctype, charset, viewport and stylesheet', () => {
    const html = page(ctx());
    assert.ok(html.startsWith('<!doctype html><html lang="zh-CN">'));
    assert.ok(html.includes('<meta charset="utf-8"/>'));
    assert.ok(html.includes('name="viewport" content="width=device-width, initial-scale=1"'));
    assert.ok(html.includes('<link rel="stylesheet" href="/static/openpsb.css"/>'));
    assert.ok(html.includes('<a class="skip-link" href="#main">跳到主要内容</a>'));
    assert.ok(html.includes('<main id="main"'));
  });

  test('lang attribute follows the language, and the switch link is marked in the other language', () => {
    const zh = page(ctx({ lang: 'zh' }));
    assert.ok(zh.includes('<html lang="zh-CN">'));
    assert.ok(zh.includes('href="/prefs/lang?set=en&amp;next=%2Fservices%3Fa%3D1%26b%3D2"'));
    assert.ok(zh.includes('<span lang="en">English</span>'));

    const en = page(ctx({ lang: 'en' }), 'x', 'Title');
    assert.ok(en.includes('<html lang="en">'));
    assert.ok(en.includes('href="/prefs/lang?set=zh&amp;next='));
    assert.ok(en.includes('<span lang="zh-CN">中文</span>'));
    assert.ok(en.includes('<title>Title - Shifan City Public Security Bureau — Online Bureau</title>'));
    assert.ok(en.includes('Skip to main content'));
  });

  test('elder mode sets the body class and offers the way back', () => {
    const off = page(ctx({ elder: false }));
    assert.ok(off.includes('<body class="zone-portal">'));
    assert.ok(off.includes('/prefs/elder?set=1&amp;next='));
    assert.ok(off.includes('长辈版'));

    const on = page(ctx({ elder: true }));
    assert.ok(on.includes('<body class="zone-portal elder">'));
    assert.ok(on.includes('/prefs/elder?set=0&amp;next='));
    assert.ok(on.includes('标准版'));
  });

  test('signed-in user gets a POST logout form carrying the CSRF token', () => {
    const html = page(ctx({ user: { displayName: '张三', kind: 'citizen' }, csrfToken: 'tok-123' }));
    const form = html.match(/<form class="logout-form"[^>]*>.*?<\/form>/);
    assert.ok(form, 'no logout form');
    assert.match(form[0], /method="post"/);
    assert.match(form[0], /action="\/logout"/);
    assert.match(form[0], /<input type="hidden" name="_csrf" value="tok-123"\/>/);
    assert.ok(!html.includes('href="/login"'));

    const staff = page(
      ctx({ zone: 'workbench', user: { displayName: '李警官', kind: 'staff' }, csrfToken: 't' }),
    );
    assert.match(staff, /<form class="logout-form" method="post" action="\/staff\/logout">/);
  });

  test('anonymous visitors get the zone’s log-in link', () => {
    assert.ok(page(ctx()).includes('href="/login"'));
    assert.ok(page(ctx()).includes('href="/register"'));
    const wb = page(ctx({ zone: 'workbench' }));
    assert.ok(wb.includes('href="/staff/login"'));
    assert.ok(!wb.includes('href="/register"'));
  });

  test('portal nav has the four columns in order and marks the current one', () => {
    const html = page(ctx({ path: '/services/passport?x=1' }));
    const hrefs = [...html.matchAll(/<nav class="site-nav"[\s\S]*?<\/nav>/g)][0]?.[0].match(/href="[^"]+"/g);
    assert.deepEqual(hrefs, [
      'href="/news"',
      'href="/disclosure"',
      'href="/services"',
      'href="/interaction"',
    ]);
    assert.match(html, /<a href="\/services" aria-current="page">/);
    assert.ok(!/<a href="\/news" aria-current/.test(html));
  });

  test('workbench shows the sections the page context offers, none by default, or the ones passed in', () => {
    const bare = page(ctx({ zone: 'workbench', path: '/' }));
    assert.ok(bare.includes('<body class="zone-workbench">'));
    assert.ok(!bare.includes('class="site-nav"'), 'a visitor who is not signed in sees no sections');
    const html = page(ctx({ zone: 'workbench', path: '/', nav: workbenchNav('zh') }));
    assert.match(html, /<a href="\/" aria-current="page">/);
    for (const href of ['/staff', '/org', '/audit']) assert.ok(html.includes(`href="${href}"`));
    const custom = renderPage(
      <Layout ctx={ctx({ zone: 'workbench' })} title="t" nav={[{ href: '/cases', label: '办件' }]}>
        x
      </Layout>,
    );
    assert.ok(custom.includes('href="/cases"'));
    assert.ok(!custom.includes('href="/audit"'));
  });

  test('footer help block keeps its order and the 110 notice', () => {
    const html = page(ctx());
    const footer = html.slice(html.indexOf('<footer'));
    const order = [
      '0000-96110',
      'href="/interaction"',
      'href="/services"',
      '紧急情况请拨打110',
      '示范市公安局',
    ];
    const positions = order.map((s) => footer.indexOf(s));
    assert.ok(
      positions.every((p) => p >= 0),
      String(positions),
    );
    assert.deepEqual(
      [...positions].sort((a, b) => a - b),
      positions,
    );
  });

  test('title is prefixed when the page shows errors', () => {
    const html = renderPage(
      <Layout ctx={ctx()} title="申请" hasErrors>
        x
      </Layout>,
    );
    assert.ok(html.includes('<title>错误：申请 - 示范市公安局 网上公安局</title>'));
  });

  test('a public demo says so at the top of the page, in the page language', () => {
    const zh = page(ctx({ demo: true }));
    assert.match(
      zh,
      /<header class="site-header"><div class="dev-notice" role="note"><p class="container">演示站点/,
    );
    assert.match(page(ctx({ demo: true, lang: 'en' })), /Demo site: all data is fictional/);
    assert.ok(!page(ctx()).includes('dev-notice'));
  });

  test('renderPage refuses async components instead of sending [object Promise]', () => {
    const Async = async () => <p>late</p>;
    assert.throws(() => renderPage(<Async />), TypeError);
  });
});

describe('forms', () => {
  test('error summary links to each field and renders nothing when empty', () => {
    const html = renderFragment(
      <ErrorSummary
        errors={[
          { field: 'name', message: '请输入姓名' },
          { field: 'idType', message: '请选择证件类型' },
        ]}
      />,
    );
    assert.match(html, /role="alert"/);
    assert.match(html, /tabindex="-1"/);
    assert.ok(html.includes('提交的信息有误'));
    assert.ok(html.includes('<a href="#field-name">请输入姓名</a>'));
    assert.ok(html.includes('<a href="#field-idType">请选择证件类型</a>'));
    assert.equal(renderFragment(<ErrorSummary errors={[]} />), '');
  });

  test('text field wires label, hint and error through aria-describedby', () => {
    const html = renderFragment(
      <TextField name="phone" label="手机号码" hint="11 位" error="请输入手机号码" />,
    );
    assert.ok(html.includes('<label class="label" for="field-phone">'));
    const input = tagWithId(html, 'field-phone');
    assert.match(input, /aria-describedby="field-phone-hint field-phone-error"/);
    assert.match(input, /aria-invalid="true"/);
    tagWithId(html, 'field-phone-hint');
    const error = html.slice(html.indexOf('id="field-phone-error"'));
    assert.match(error, /^id="field-phone-error"><span class="visually-hidden">错误：<\/span>请输入手机号码/);

    const plain = tagWithId(renderFragment(<TextField name="a" label="A" />), 'field-a');
    assert.ok(!plain.includes('aria-describedby'));
    assert.ok(!plain.includes('aria-invalid'));
  });

  test('built-in wording follows the layout language', () => {
    const html = page(ctx({ lang: 'en' }), <TextField name="a" label="A" error="Enter A" optional />);
    assert.ok(html.includes('<span class="visually-hidden">Error: </span>Enter A'));
    assert.ok(html.includes('(optional)'));
  });

  test('radios and checkboxes are fieldsets with legends and linkable ids', () => {
    const radios = renderFragment(
      <Radios
        name="idType"
        legend="证件类型"
        hint="选一项"
        items={[
          { value: 'id', label: '身份证' },
          { value: 'pp', label: '护照', hint: '外国人' },
        ]}
        value="pp"
      />,
    );
    assert.match(radios, /<fieldset class="fieldset" aria-describedby="field-idType-hint">/);
    assert.ok(radios.includes('<legend class="legend">证件类型</legend>'));
    assert.match(tagWithId(radios, 'field-idType'), /type="radio"/);
    assert.match(tagWithId(radios, 'field-idType-2'), /checked=""/);
    assert.match(tagWithId(radios, 'field-idType-2'), /aria-describedby="field-idType-2-hint"/);
    assert.ok(radios.includes('<label class="choice-label" for="field-idType-2">护照</label>'));

    const boxes = renderFragment(
      <Checkboxes
        name="c"
        legend="选项"
        items={[
          { value: 'a', label: 'A' },
          { value: 'b', label: 'B' },
        ]}
        values={['b']}
      />,
    );
    assert.ok(!tagWithId(boxes, 'field-c').includes('checked'));
    assert.match(tagWithId(boxes, 'field-c-2'), /checked=""/);
  });

  test('select marks the chosen option and can offer an empty first choice', () => {
    const html = renderFragment(
      <Select
        name="d"
        label="区"
        placeholder
        value="b"
        options={[
          { value: 'a', label: 'A' },
          { value: 'b', label: 'B' },
        ]}
      />,
    );
    assert.ok(html.includes('<option value="">请选择</option>'));
    assert.ok(html.includes('<option value="b" selected="">B</option>'));
  });

  test('POST forms carry the CSRF field and novalidate; GET forms carry no token', () => {
    const post = renderFragment(
      <Form action="/apply" csrfToken="abc">
        x
      </Form>,
    );
    assert.match(post, /^<form class="form" action="\/apply" method="post" novalidate="">/);
    assert.ok(post.includes('<input type="hidden" name="_csrf" value="abc"/>'));
    const get = renderFragment(
      <Form action="/search" method="get">
        x
      </Form>,
    );
    assert.ok(!get.includes('_csrf'));
  });
});

describe('content components', () => {
  test('summary list change links name the row for screen readers; empty answers say so', () => {
    const html = renderFragment(<SummaryList rows={[{ key: '姓名', value: '', changeHref: '/a' }]} />);
    assert.ok(html.includes('未填写'));
    assert.ok(html.includes('<a href="/a">修改<span class="visually-hidden"> 姓名</span></a>'));
  });

  test('tables scroll inside a named, focusable region', () => {
    const html = renderFragment(
      <Table caption="办件" head={['编号', '状态']} rows={[['1', '受理']]} rowHeaders />,
    );
    assert.ok(html.includes('<div class="table-scroll" role="region" aria-label="办件" tabindex="0">'));
    assert.ok(html.includes('<th scope="row">1</th>'));
  });

  test('pagination marks the current page and hides for a single page', () => {
    const html = renderFragment(<Pagination page={2} pageCount={3} href={(n) => `?page=${n}`} />);
    assert.match(html, /<a href="\?page=2" aria-label="第 2 页" aria-current="page">2<\/a>/);
    assert.ok(html.includes('rel="prev"') && html.includes('rel="next"'));
    assert.equal(renderFragment(<Pagination page={1} pageCount={1} href={() => ''} />), '');
  });
});
