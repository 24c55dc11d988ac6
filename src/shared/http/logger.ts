import type { LoggerOptions } from 'pino';

// Personal data never reaches the logs: these paths are replaced wherever they occur in a logged object.
const sensitive = [
  'password',
  'newPassword',
  'code',
  'otp',
  'totp',
  'idNumber',
  'id_number',
  'mobile',
  'phone',
  'realName',
  'name',
  'email',
  'address',
  '_csrf',
  'token',
  'secret',
];

// What a database error may say about itself: where it happened, never with what. PostgreSQL's `detail`
// ("Key (mobile)=(13800000001) already exists"), `where` and the driver's `params` carry row values.
const DATABASE_FIELDS = [
  'severity',
  'routine',
  'schema',
  'table',
  'column',
  'constraint',
  'dataType',
] as const;
const MAX_CAUSES = 4;

interface LoggedError {
  type: string;
  message: string;
  stack?: string;
  sqlState?: string;
  errorCode?: string;
  statusCode?: number;
  [databaseField: string]: unknown;
}

function isDatabaseError(error: Record<string, unknown>): boolean {
  return (
    'params' in error ||
    (typeof error.severity === 'string' && typeof error.code === 'string' && /^[0-9A-Z]{5}$/.test(error.code))
  );
}

/**
 * A database message without its values: Drizzle puts the parameters after `params:`, and PostgreSQL quotes the
 * offending value (`invalid input syntax for type integer: "…"`).
 */
function scrubMessage(message: string, database: boolean): string {
  let text = message.replace(/\nparams: [\s\S]*$/, '');
  if (/^Failed query: /.test(text)) text = 'Failed query (its text and parameters are not logged)';
  if (database) text = text.replace(/"[^"]*"|'[^']*'|\([^()]*\)=\([^()]*\)/g, '…');
  return text;
}

/**
 * An error as it may appear in a log line: a fixed set of properties, so nothing an error happens to carry
 * (a failed query's parameters, a row's values) is written by accident. Causes are described the same way.
 */
export function describeError(error: unknown, depth = 0): LoggedError {
  if (!(error instanceof Error) && (typeof error !== 'object' || error === null)) {
    return { type: typeof error, message: '(a thrown value that is not an error)' };
  }
  const fields = error as unknown as Record<string, unknown>;
  const database =
    isDatabaseError(fields) ||
    (error instanceof Error &&
      error.cause !== undefined &&
      depth < MAX_CAUSES &&
      isDatabaseError(error.cause as Record<string, unknown>));
  const rawMessage = error instanceof Error ? error.message : '';
  const message = scrubMessage(rawMessage, database);
  const described: LoggedError = { type: error.constructor?.name ?? 'Error', message };
  if (error instanceof Error && error.stack) {
    const frames = error.stack.split('\n').filter((line) => /^\s+at /.test(line));
    described.stack = [`${described.type}: ${message}`, ...frames].join('\n');
  }
  if (typeof fields.code === 'string') {
    if (isDatabaseError(fields)) described.sqlState = fields.code;
    else described.errorCode = fields.code;
  }
  if (typeof fields.statusCode === 'number') described.statusCode = fields.statusCode;
  if (isDatabaseError(fields)) {
    for (const key of DATABASE_FIELDS) if (typeof fields[key] === 'string') described[key] = fields[key];
  }
  if (error instanceof Error && error.cause !== undefined && depth < MAX_CAUSES) {
    described.cause = describeError(error.cause, depth + 1);
  }
  return described;
}

export function loggerOptions(level: string): LoggerOptions {
  return {
    level,
    redact: {
      paths: [
        'req.headers.cookie',
        'req.headers.authorization',
        'req.headers["x-csrf-token"]',
        'res.headers["set-cookie"]',
        // Up to three levels down: a signed-in request carries the citizen's identity two levels deep
        // (`citizen.identity.mobile`), and an error's details may nest one level more.
        ...sensitive,
        ...sensitive.map((key) => `*.${key}`),
        ...sensitive.map((key) => `*.*.${key}`),
        ...sensitive.map((key) => `*.*.*.${key}`),
      ],
      censor: '[redacted]',
    },
    serializers: {
      err: describeError,
      // Query strings can carry personal data (a mobile number in a search); log the path only.
      req: (req: { method: string; url: string; id: string }) => ({
        method: req.method,
        path: req.url.split('?')[0],
        id: req.id,
      }),
    },
  };
}
