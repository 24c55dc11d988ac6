CREATE TABLE "appointment_patterns" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"unit_code" text NOT NULL,
	"item_id" text NOT NULL,
	"weekday" integer NOT NULL,
	"start_time" text NOT NULL,
	"end_time" text NOT NULL,
	"quota" integer NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "appointment_releases" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"unit_code" text NOT NULL,
	"item_id" text NOT NULL,
	"from_date" text NOT NULL,
	"to_date" text NOT NULL,
	"slot_count" integer NOT NULL,
	"released_by" uuid NOT NULL,
	"released_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "appointment_visits" (
	"code" text PRIMARY KEY NOT NULL,
	"unit_code" text NOT NULL,
	"item_id" text NOT NULL,
	"date" text NOT NULL,
	"start_time" text NOT NULL,
	"end_time" text NOT NULL,
	"name" text NOT NULL,
	"id_number_masked" text NOT NULL,
	"details" jsonb NOT NULL,
	"case_number" text,
	"status" text NOT NULL,
	"booked_at" timestamp with time zone NOT NULL,
	"marked_by" uuid,
	"marked_at" timestamp with time zone
);
--> statement-breakpoint
CREATE UNIQUE INDEX "appointment_patterns_slot" ON "appointment_patterns" USING btree ("unit_code","item_id","weekday","start_time");--> statement-breakpoint
CREATE INDEX "appointment_releases_unit_idx" ON "appointment_releases" USING btree ("unit_code","item_id","released_at");--> statement-breakpoint
CREATE INDEX "appointment_visits_unit_date_idx" ON "appointment_visits" USING btree ("unit_code","date");