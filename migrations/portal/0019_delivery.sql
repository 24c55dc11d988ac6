CREATE TABLE "delivery_choices" (
	"application_id" uuid PRIMARY KEY NOT NULL,
	"method" text NOT NULL,
	"recipient_name" text,
	"recipient_phone" text,
	"address" text,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "waybill_events" (
	"event_id" text PRIMARY KEY NOT NULL,
	"waybill_no" text NOT NULL,
	"status" text NOT NULL,
	"note" text NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"received_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "waybills" (
	"waybill_no" text PRIMARY KEY NOT NULL,
	"order_no" text NOT NULL,
	"application_id" uuid NOT NULL,
	"case_number" text NOT NULL,
	"status" text NOT NULL,
	"sender" jsonb NOT NULL,
	"recipient" jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "delivery_choices" ADD CONSTRAINT "delivery_choices_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "waybill_events" ADD CONSTRAINT "waybill_events_waybill_no_waybills_waybill_no_fk" FOREIGN KEY ("waybill_no") REFERENCES "public"."waybills"("waybill_no") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "waybills" ADD CONSTRAINT "waybills_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "waybill_events_waybill" ON "waybill_events" USING btree ("waybill_no");--> statement-breakpoint
CREATE UNIQUE INDEX "waybills_order_no" ON "waybills" USING btree ("order_no");--> statement-breakpoint
CREATE INDEX "waybills_case" ON "waybills" USING btree ("case_number");