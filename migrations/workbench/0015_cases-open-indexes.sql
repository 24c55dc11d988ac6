DROP INDEX "cases_open_due_idx";--> statement-breakpoint
CREATE INDEX "cases_open_counts_idx" ON "cases" USING btree ("unit_code","state","claimed_by") WHERE NOT "cases"."closed";--> statement-breakpoint
CREATE INDEX "cases_open_due_idx" ON "cases" USING btree ("state_due_on","case_number") WHERE NOT "cases"."closed";