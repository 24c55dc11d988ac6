CREATE TABLE "applications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"citizen_id" uuid NOT NULL,
	"company_id" uuid,
	"company_role" text,
	"item_id" text NOT NULL,
	"item_version" integer NOT NULL,
	"form_id" text NOT NULL,
	"form_version" integer NOT NULL,
	"answers" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"last_page" text,
	"submit_key" uuid,
	"case_number" text,
	"submitted_at" timestamp with time zone,
	"status" text,
	"status_seq" integer DEFAULT 0 NOT NULL,
	"due_on" date,
	"applicant_may" text[] DEFAULT '{}'::text[] NOT NULL,
	"in_flight" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "applications_submit_key_unique" UNIQUE("submit_key"),
	CONSTRAINT "applications_case_number_unique" UNIQUE("case_number")
);
--> statement-breakpoint
CREATE TABLE "case_number_counters" (
	"unit_code" text NOT NULL,
	"day" text NOT NULL,
	"last" integer NOT NULL,
	CONSTRAINT "case_number_counters_unit_code_day_pk" PRIMARY KEY("unit_code","day")
);
--> statement-breakpoint
ALTER TABLE "applications" ADD CONSTRAINT "applications_citizen_id_citizens_id_fk" FOREIGN KEY ("citizen_id") REFERENCES "public"."citizens"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "applications" ADD CONSTRAINT "applications_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "applications_citizen_idx" ON "applications" USING btree ("citizen_id","updated_at");--> statement-breakpoint
CREATE INDEX "applications_company_idx" ON "applications" USING btree ("company_id","updated_at");--> statement-breakpoint
CREATE UNIQUE INDEX "applications_in_flight_idx" ON "applications" USING btree ("citizen_id","item_id",coalesce("company_id", '00000000-0000-0000-0000-000000000000'::uuid)) WHERE "applications"."in_flight";