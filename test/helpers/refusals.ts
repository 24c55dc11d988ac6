import assert from 'node:assert/strict';

// What a refused form shows a person: the error summary's entries and the messages beside the fields, as text.

function text(html: string): string {
  return html
    .replace(/<[^>]*>/g, '')
    .replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>');
}

/** The summary's entries and the field messages (without the hidden "Error:" prefix) of a page. */
export function refusalsShown(body: string): { summary: string[]; beside: string[] } {
  const summary = [...body.matchAll(/<ul class="error-summary-list">([^]*?)<\/ul>/g)].flatMap((list) =>
    [...(list[1] ?? '').matchAll(/<a [^>]*>([^]*?)<\/a>/g)].map((entry) => text(entry[1] ?? '')),
  );
  const beside = [...body.matchAll(/<p class="error-message"[^>]*>([^]*?)<\/p>/g)].map((message) =>
    text(message[1] ?? '').replace(/^(?:错误：|Error: )/, ''),
  );
  return { summary, beside };
}

/**
 * Asserts that a refused form names none of the schema's property names it was sent. In Chinese no Latin word
 * may appear at all; in English a name may appear only inside a field's own label (before the summary's colon).
 */
export function assertNoSchemaNames(body: string, lang: 'zh' | 'en', names: readonly string[]): void {
  const { summary, beside } = refusalsShown(body);
  assert.ok(summary.length > 0, 'the page shows its refusals in an error summary');
  for (const shown of [...summary, ...beside]) {
    assert.doesNotMatch(shown, /[“”"]/, `a refusal quotes a name: ${shown}`);
    if (lang === 'zh') {
      assert.doesNotMatch(shown, /[A-Za-z]/, `a Chinese refusal holds a Latin word: ${shown}`);
      continue;
    }
    const words = summary.includes(shown) ? shown.slice(shown.indexOf(': ') + 2) : shown;
    for (const name of names)
      assert.ok(
        !new RegExp(`\\b${name}\\b`, 'i').test(words),
        `an English refusal names “${name}”: ${shown}`,
      );
  }
}
