DROP INDEX "payment_refunds_order_idx";--> statement-breakpoint
CREATE UNIQUE INDEX "payment_refunds_order_idx" ON "payment_refunds" USING btree ("order_no");