CREATE TABLE "case_deliveries" (
	"case_number" text PRIMARY KEY NOT NULL,
	"application_id" uuid NOT NULL,
	"status" text NOT NULL,
	"waybill_no" text,
	"sender" jsonb,
	"recipient_sealed" text,
	"requested_by" text NOT NULL,
	"requested_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_delivery_events" (
	"event_id" text PRIMARY KEY NOT NULL,
	"case_number" text NOT NULL,
	"waybill_no" text,
	"status" text NOT NULL,
	"note" text NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"received_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX "case_delivery_events_case" ON "case_delivery_events" USING btree ("case_number","occurred_at");