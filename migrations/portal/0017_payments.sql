CREATE TABLE "payables" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"reference" text NOT NULL,
	"citizen_id" uuid NOT NULL,
	"amount_fen" integer NOT NULL,
	"description" jsonb NOT NULL,
	"payee_unit" text NOT NULL,
	"status" text DEFAULT 'due' NOT NULL,
	"paid_order_no" text,
	"created_at" timestamp with time zone NOT NULL,
	"settled_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "payment_alarms" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"detail" jsonb NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "payment_orders" (
	"order_no" text PRIMARY KEY NOT NULL,
	"payable_id" uuid NOT NULL,
	"amount_fen" integer NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"gateway_status" text DEFAULT 'pending' NOT NULL,
	"gateway_order_id" text,
	"pay_url" text,
	"expires_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"paid_at" timestamp with time zone,
	"paid_via" text,
	"refunded_fen" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "payment_refunds" (
	"refund_no" text PRIMARY KEY NOT NULL,
	"order_no" text NOT NULL,
	"amount_fen" integer NOT NULL,
	"reason" text NOT NULL,
	"status" text DEFAULT 'requested' NOT NULL,
	"requested_at" timestamp with time zone NOT NULL,
	"done_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "payables" ADD CONSTRAINT "payables_citizen_id_citizens_id_fk" FOREIGN KEY ("citizen_id") REFERENCES "public"."citizens"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_orders" ADD CONSTRAINT "payment_orders_payable_id_payables_id_fk" FOREIGN KEY ("payable_id") REFERENCES "public"."payables"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_refunds" ADD CONSTRAINT "payment_refunds_order_no_payment_orders_order_no_fk" FOREIGN KEY ("order_no") REFERENCES "public"."payment_orders"("order_no") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "payables_kind_reference_idx" ON "payables" USING btree ("kind","reference");--> statement-breakpoint
CREATE INDEX "payables_citizen_idx" ON "payables" USING btree ("citizen_id","created_at");--> statement-breakpoint
CREATE INDEX "payment_alarms_at_idx" ON "payment_alarms" USING btree ("at");--> statement-breakpoint
CREATE INDEX "payment_orders_payable_idx" ON "payment_orders" USING btree ("payable_id","created_at");--> statement-breakpoint
CREATE INDEX "payment_refunds_order_idx" ON "payment_refunds" USING btree ("order_no");