CREATE TABLE "traffic_decision_documents" (
	"violation_id" uuid PRIMARY KEY NOT NULL,
	"citizen_id" uuid NOT NULL,
	"decision_no" text NOT NULL,
	"verification_code" text NOT NULL,
	"plate" text NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"place" text NOT NULL,
	"offence_code" text NOT NULL,
	"offence" jsonb NOT NULL,
	"points" integer NOT NULL,
	"fine_fen" integer NOT NULL,
	"unit_code" text NOT NULL,
	"decided_at" timestamp with time zone NOT NULL,
	"issued_at" timestamp with time zone NOT NULL,
	CONSTRAINT "traffic_decision_documents_decision_no_unique" UNIQUE("decision_no"),
	CONSTRAINT "traffic_decision_documents_verification_code_unique" UNIQUE("verification_code")
);
--> statement-breakpoint
ALTER TABLE "appointment_bookings" ADD COLUMN "verification_code" text;--> statement-breakpoint
ALTER TABLE "payables" ADD COLUMN "surcharge_fen" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "payment_orders" ADD COLUMN "surcharge_fen" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "traffic_violations" ADD COLUMN "decided_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "traffic_decision_documents" ADD CONSTRAINT "traffic_decision_documents_citizen_id_citizens_id_fk" FOREIGN KEY ("citizen_id") REFERENCES "public"."citizens"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointment_bookings" ADD CONSTRAINT "appointment_bookings_verification_code_unique" UNIQUE("verification_code");