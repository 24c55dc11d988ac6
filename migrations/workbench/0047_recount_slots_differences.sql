ALTER TABLE "appointment_releases" ALTER COLUMN "released_by" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "appointment_releases" ADD COLUMN "recount_of" uuid;--> statement-breakpoint
ALTER TABLE "appointment_visits" ADD COLUMN "day_closed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "reconciliation_differences" ADD COLUMN "due_since" date;