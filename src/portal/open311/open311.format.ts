import type { FastifyReply } from 'fastify';

// GeoReport v2 answers in both of its formats from one value. JSON is the spec's "Spark convention": the
// XML's root list is the top-level array and its wrappers disappear into arrays. XML gets the declaration, a
// root element, and each list wrapped with its items named in the singular.

export type Format = 'json' | 'xml';
export type Scalar = string | number | boolean | null | undefined;
export type Node = Scalar | Node[] | { [key: string]: Node };

/** The element each list's items take in XML, by the list's own name. */
const itemNames: Record<string, string> = {
  services: 'service',
  service_requests: 'request',
  service_request_updates: 'request_update',
  errors: 'error',
  endpoints: 'endpoint',
  formats: 'format',
  attributes: 'attribute',
  values: 'value',
};

// Characters XML 1.0 cannot carry at all; the input guard refuses them on the way in, this keeps any that
// arrive another way (a unit name from the other zone) from breaking a client's parser.
const NOT_XML = /[^\u0009\u000A\u000D\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

function escapeXml(text: string): string {
  return text
    .replace(NOT_XML, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

function element(name: string, value: Node): string {
  if (value === undefined) return '';
  if (value === null) return `<${name}/>`;
  if (Array.isArray(value)) {
    const item = itemNames[name] ?? 'item';
    return `<${name}>${value.map((v) => element(item, v)).join('')}</${name}>`;
  }
  if (typeof value === 'object')
    return `<${name}>${Object.entries(value)
      .map(([k, v]) => element(k, v))
      .join('')}</${name}>`;
  return `<${name}>${escapeXml(String(value))}</${name}>`;
}

/** The XML document: `root` is the list's or the object's element name. */
export function toXml(root: string, value: Node): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${element(root, value)}\n`;
}

/** The JSON text, with `<` escaped so no browser can take an answer for markup, whatever it is served as. */
export function toJson(value: Node): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}

export function send(reply: FastifyReply, format: Format, root: string, value: Node, status = 200) {
  reply.code(status).header('cache-control', 'no-store');
  if (format === 'xml') return reply.type('text/xml; charset=utf-8').send(toXml(root, value));
  return reply.type('application/json; charset=utf-8').send(toJson(value));
}

/** An error in the spec's form: a list of {code, description}, the code being the HTTP status. */
export function sendErrors(reply: FastifyReply, format: Format, status: number, descriptions: string[]) {
  return send(
    reply,
    format,
    'errors',
    descriptions.map((description) => ({ code: status, description })),
    status,
  );
}

/** The format a URL asks for: its suffix. Anything else is answered in XML, the spec's required format. */
export function formatOf(url: string): Format {
  const path = url.split('?')[0] ?? '';
  return path.endsWith('.json') ? 'json' : 'xml';
}
