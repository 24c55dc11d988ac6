import type { JSX } from 'hono/jsx/jsx-runtime';
import { withFieldLabels } from './field-labels.tsx';

function serialise(node: JSX.Element): string {
  return withFieldLabels(() => serialiseNode(node));
}

function serialiseNode(node: JSX.Element): string {
  // An async component makes hono produce a Promise, which would otherwise be
  // sent to the browser as "[object Promise]"; pages load their data first.
  const html: unknown = node instanceof Promise ? node : node.toString();
  if (html instanceof Promise) {
    html.catch(() => undefined);
    throw new TypeError('renderPage: async components are not supported; load data before rendering');
  }
  return String(html);
}

/** Serialises a page to an HTML string with its doctype. */
export function renderPage(node: JSX.Element): string {
  return '<!doctype html>' + serialise(node);
}

/** Serialises a fragment without a doctype, e.g. for tests or partial responses. */
export function renderFragment(node: JSX.Element): string {
  return serialise(node);
}
