/** The values of named text inputs on a page, as the browser would show them. */
export function pageInputsFor(html: string, names: readonly string[]): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const name of names) {
    const input = new RegExp(`<input[^>]*name="${name.replace(/[[\].]/g, '\\$&')}"[^>]*>`).exec(html)?.[0];
    out[name] = input ? (/value="([^"]*)"/.exec(input)?.[1] ?? '') : undefined;
  }
  return out;
}
