import assert from 'node:assert/strict';

// A strict little reader for the GeoReport XML, as FixMyStreet's client reads it (XML::Simple with ForceArray
// on the list items): elements and text only; the list items always come back as arrays, even one alone.

export const FORCE_ARRAY = [
  'service',
  'attribute',
  'value',
  'request',
  'error',
  'endpoint',
  'format',
  'request_update',
];

export type XmlValue = string | XmlObject;
export interface XmlObject {
  [name: string]: XmlValue | XmlValue[];
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decode(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|apos);/g, (_all, name: string) => ENTITIES[name] ?? '');
}

interface Element {
  name: string;
  children: Element[];
  text: string;
}

/** The document's root element name and its content; fails on anything that is not well-formed. */
export function parseXml(xml: string): { root: string; value: XmlValue } {
  assert.match(xml, /^<\?xml version="1\.0" encoding="UTF-8"\?>\n/, 'the XML declaration with UTF-8');
  const body = xml.replace(/^<\?xml[^>]*\?>\s*/, '').trim();
  const top: Element = { name: '#document', children: [], text: '' };
  const stack: Element[] = [top];
  const token = /<(\/?)([A-Za-z_][\w.-]*)(\/?)>|([^<]+)/gy;
  let match: RegExpExecArray | null;
  let consumed = 0;
  while ((match = token.exec(body)) !== null) {
    consumed = token.lastIndex;
    const [, closing, name, selfClosing, text] = match;
    const current = stack[stack.length - 1]!;
    if (text !== undefined) {
      assert.ok(!/[<>]/.test(text), 'no stray markup');
      assert.ok(!/&(?!(amp|lt|gt|quot|apos);)/.test(text), `an unescaped & in ${JSON.stringify(text)}`);
      current.text += decode(text);
    } else if (closing) {
      assert.equal(current.name, name, 'elements close in order');
      stack.pop();
    } else {
      const element: Element = { name: name!, children: [], text: '' };
      current.children.push(element);
      if (!selfClosing) stack.push(element);
    }
  }
  assert.equal(consumed, body.length, 'the whole document was read');
  assert.equal(stack.length, 1, 'every element was closed');
  assert.equal(top.children.length, 1, 'one root element');
  const root = top.children[0]!;
  return { root: root.name, value: valueOf(root) };
}

function valueOf(element: Element): XmlValue {
  if (element.children.length === 0) return element.text;
  assert.equal(element.text.trim(), '', `${element.name}: no text beside elements`);
  const object: XmlObject = {};
  for (const child of element.children) {
    const value = valueOf(child);
    const existing = object[child.name];
    if (FORCE_ARRAY.includes(child.name)) object[child.name] = [...((existing as XmlValue[]) ?? []), value];
    else {
      assert.equal(existing, undefined, `${child.name} appears once in ${element.name}`);
      object[child.name] = value;
    }
  }
  return object;
}

/** The JSON answer as the XML must carry it: lists wrapped in their elements, scalars as text. */
export function asXmlShape(value: unknown, listItem?: string): unknown {
  if (Array.isArray(value)) {
    if (value.length === 0) return '';
    return { [listItem!]: value.map((v) => asXmlShape(v)) };
  }
  if (value === null) return '';
  if (typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([k, v]) => [
        k,
        asXmlShape(v, ITEMS[k] ?? 'item'),
      ]),
    );
  return String(value);
}

const ITEMS: Record<string, string> = {
  endpoints: 'endpoint',
  formats: 'format',
  attributes: 'attribute',
  values: 'value',
};
