CREATE TABLE "holiday_schedule_days" (
	"schedule_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"date" date NOT NULL,
	"work" boolean NOT NULL,
	"name" text NOT NULL,
	CONSTRAINT "holiday_schedule_days_schedule_id_date_pk" PRIMARY KEY("schedule_id","date")
);
--> statement-breakpoint
CREATE TABLE "holiday_schedules" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"year" integer NOT NULL,
	"workflow_id" text NOT NULL,
	"workflow_version" integer NOT NULL,
	"state" text NOT NULL,
	"source" text NOT NULL,
	"entered_by" text NOT NULL,
	"entered_at" timestamp with time zone NOT NULL,
	"decided_by" text,
	"decided_at" timestamp with time zone,
	"decision_note" text,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "holiday_schedule_days" ADD CONSTRAINT "holiday_schedule_days_schedule_id_holiday_schedules_id_fk" FOREIGN KEY ("schedule_id") REFERENCES "public"."holiday_schedules"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "holiday_schedules_pending" ON "holiday_schedules" USING btree ("year") WHERE "holiday_schedules"."state" = 'pending';--> statement-breakpoint
CREATE UNIQUE INDEX "holiday_schedules_approved" ON "holiday_schedules" USING btree ("year") WHERE "holiday_schedules"."state" = 'approved';--> statement-breakpoint
CREATE INDEX "holiday_schedules_year_idx" ON "holiday_schedules" USING btree ("year","entered_at");