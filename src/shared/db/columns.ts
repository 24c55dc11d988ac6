import { customType } from 'drizzle-orm/pg-core';

/** Raw bytes. PGlite hands back a Uint8Array and node-postgres a Buffer; both come out as a Buffer. */
export const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (value) => (Buffer.isBuffer(value) ? value : Buffer.from(value)),
});
