CREATE TABLE "fee_income_lines" (
	"order_no" text NOT NULL,
	"unit_code" text NOT NULL,
	"case_number" text NOT NULL,
	"amount_fen" integer NOT NULL,
	"share_bp" integer NOT NULL,
	"booked_on" date NOT NULL,
	"paid_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "reconciliation_days" (
	"day" date PRIMARY KEY NOT NULL,
	"here" jsonb NOT NULL,
	"there" jsonb NOT NULL,
	"omitted" integer DEFAULT 0 NOT NULL,
	"computed_at" timestamp with time zone NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"requested_by" text,
	"requested_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "reconciliation_differences" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"day" date NOT NULL,
	"kind" text NOT NULL,
	"type" text NOT NULL,
	"reference" text NOT NULL,
	"here_fen" bigint,
	"there_fen" bigint,
	"workflow_id" text NOT NULL,
	"workflow_version" integer NOT NULL,
	"state" text NOT NULL,
	"due_on" date,
	"updated_at" timestamp with time zone NOT NULL,
	"first_seen_at" timestamp with time zone NOT NULL,
	"last_seen_at" timestamp with time zone NOT NULL,
	"resolution" text,
	"reason" text,
	"resolved_by" text,
	"resolved_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "case_fees" ADD COLUMN "split" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "fee_income_lines_order_unit_idx" ON "fee_income_lines" USING btree ("order_no","unit_code");--> statement-breakpoint
CREATE INDEX "fee_income_lines_day_idx" ON "fee_income_lines" USING btree ("booked_on","unit_code");--> statement-breakpoint
CREATE UNIQUE INDEX "reconciliation_differences_line_idx" ON "reconciliation_differences" USING btree ("day","type","reference");