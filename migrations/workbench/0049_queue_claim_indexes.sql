DROP INDEX "cases_claimed_idx";--> statement-breakpoint
CREATE INDEX "cases_unit_unclaimed_due_idx" ON "cases" USING btree ("unit_code","state_due_on","case_number") WHERE NOT "cases"."closed" AND "cases"."claimed_by" IS NULL;--> statement-breakpoint
CREATE INDEX "cases_claimed_due_idx" ON "cases" USING btree ("claimed_by","state_due_on","case_number") WHERE NOT "cases"."closed";