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

export function loggerOptions(level: string): LoggerOptions {
  return {
    level,
    redact: {
      paths: [
        'req.headers.cookie',
        'req.headers.authorization',
        'req.headers["x-csrf-token"]',
        'res.headers["set-cookie"]',
        ...sensitive,
        ...sensitive.map((key) => `*.${key}`),
        ...sensitive.map((key) => `body.${key}`),
      ],
      censor: '[redacted]',
    },
    serializers: {
      // Query strings can carry personal data (a mobile number in a search); log the path only.
      req: (req: { method: string; url: string; id: string }) => ({
        method: req.method,
        path: req.url.split('?')[0],
        id: req.id,
      }),
    },
  };
}
