CREATE TABLE "fee_refund_lines" (
	"refund_no" text NOT NULL,
	"order_no" text NOT NULL,
	"unit_code" text NOT NULL,
	"case_number" text NOT NULL,
	"amount_fen" integer NOT NULL,
	"share_bp" integer NOT NULL,
	"reason" text NOT NULL,
	"booked_on" date NOT NULL,
	"refunded_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "traffic_violations" ADD COLUMN "surcharge_fen" integer;--> statement-breakpoint
CREATE UNIQUE INDEX "fee_refund_lines_refund_unit_idx" ON "fee_refund_lines" USING btree ("refund_no","unit_code");--> statement-breakpoint
CREATE INDEX "fee_refund_lines_day_idx" ON "fee_refund_lines" USING btree ("booked_on","unit_code");