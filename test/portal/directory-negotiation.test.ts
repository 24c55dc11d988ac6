import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startTestZone, type TestZone } from '../helpers/zones.ts';
import { publishDemoDirectory, publishedDemoUnits } from './directory.fixture.ts';

// The directory answers JSON or HTML at one address, by Accept. The page cache keeps the two apart (a JSON
// answer is never served to a browser, nor a page to a program), and each answer says it varies on Accept.

let zone: TestZone;
before(async () => {
  zone = await startTestZone('portal');
  await publishDemoDirectory(zone);
});
after(() => zone.close());

const ask = (url: string, accept: string) => zone.app.inject({ method: 'GET', url, headers: { accept } });
const isJson = (type: unknown) => String(type).startsWith('application/json');
const isHtml = (type: unknown) => String(type).startsWith('text/html');

test('JSON and the page are kept apart by the page cache, either asked first, and vary on Accept', async () => {
  const unit = publishedDemoUnits[0]!.code;
  const urls = ['/directory', `/directory/${unit}`, '/directory/officer?q=%E6%B9%96%E6%BB%A8%E8%B7%AF1'];
  for (const url of urls) {
    for (const [first, second] of [
      ['application/json', 'text/html,application/xhtml+xml'],
      ['text/html,application/xhtml+xml', 'application/json'],
    ] as const) {
      // A query of its own, so each order starts with nothing kept.
      const address = `${url}${url.includes('?') ? '&' : '?'}order=${first.slice(0, 4)}`;
      const a = await ask(address, first);
      const b = await ask(address, second);
      for (const [answer, accept] of [
        [a, first],
        [b, second],
      ] as const) {
        assert.ok(answer.statusCode === 200 || answer.statusCode === 422, `${address}: ${answer.statusCode}`);
        const want = accept === 'application/json' ? isJson : isHtml;
        assert.ok(
          want(answer.headers['content-type']),
          `${address} with ${accept}: ${answer.headers['content-type']}`,
        );
        assert.match(String(answer.headers.vary), /\bAccept\b/i, `${address}: Vary names Accept`);
      }
    }
  }
});
