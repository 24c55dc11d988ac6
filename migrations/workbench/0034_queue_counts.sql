CREATE TABLE "case_queue_counts" (
	"unit_code" text NOT NULL,
	"state" text NOT NULL,
	"claimed_by" text NOT NULL,
	"n" integer NOT NULL,
	CONSTRAINT "case_queue_counts_unit_code_state_claimed_by_pk" PRIMARY KEY("unit_code","state","claimed_by")
);
--> statement-breakpoint
CREATE INDEX "cases_open_unclaimed_due_idx" ON "cases" USING btree ("state_due_on","case_number") WHERE NOT "cases"."closed" AND "cases"."claimed_by" IS NULL;