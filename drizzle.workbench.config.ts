import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  schema: './src/workbench/db/schema.ts',
  out: './migrations/workbench',
});
