CREATE TABLE "payment_receipts" (
	"receipt_no" text PRIMARY KEY NOT NULL,
	"payable_id" uuid NOT NULL,
	"order_no" text NOT NULL,
	"verification_code" text NOT NULL,
	"amount_fen" integer NOT NULL,
	"description" jsonb NOT NULL,
	"payee_unit" text NOT NULL,
	"paid_at" timestamp with time zone NOT NULL,
	"issued_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
DROP INDEX "payment_refunds_order_idx";--> statement-breakpoint
ALTER TABLE "payment_receipts" ADD CONSTRAINT "payment_receipts_payable_id_payables_id_fk" FOREIGN KEY ("payable_id") REFERENCES "public"."payables"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "payment_receipts_payable_idx" ON "payment_receipts" USING btree ("payable_id");--> statement-breakpoint
CREATE UNIQUE INDEX "payment_receipts_code_idx" ON "payment_receipts" USING btree ("verification_code");--> statement-breakpoint
CREATE UNIQUE INDEX "payment_refunds_order_idx" ON "payment_refunds" USING btree ("order_no");