CREATE TABLE "appointment_bookings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"citizen_id" uuid NOT NULL,
	"item_id" text NOT NULL,
	"slot_key" text NOT NULL,
	"status" text DEFAULT 'booked' NOT NULL,
	"details_sealed" text NOT NULL,
	"case_number" text,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"outcome_at" timestamp with time zone,
	CONSTRAINT "appointment_bookings_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "appointment_slots" (
	"slot_key" text PRIMARY KEY NOT NULL,
	"unit_code" text NOT NULL,
	"unit_name" text NOT NULL,
	"item_id" text NOT NULL,
	"date" text NOT NULL,
	"start_time" text NOT NULL,
	"end_time" text NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"quota" integer NOT NULL,
	"booked" integer DEFAULT 0 NOT NULL,
	"released_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "appointment_bookings" ADD CONSTRAINT "appointment_bookings_citizen_id_citizens_id_fk" FOREIGN KEY ("citizen_id") REFERENCES "public"."citizens"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointment_bookings" ADD CONSTRAINT "appointment_bookings_slot_key_appointment_slots_slot_key_fk" FOREIGN KEY ("slot_key") REFERENCES "public"."appointment_slots"("slot_key") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "appointment_bookings_one_live" ON "appointment_bookings" USING btree ("citizen_id","item_id") WHERE "appointment_bookings"."status" = 'booked';--> statement-breakpoint
CREATE INDEX "appointment_bookings_citizen_idx" ON "appointment_bookings" USING btree ("citizen_id","created_at");--> statement-breakpoint
CREATE INDEX "appointment_slots_item_date_idx" ON "appointment_slots" USING btree ("item_id","date");