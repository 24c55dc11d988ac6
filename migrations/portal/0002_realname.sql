ALTER TABLE "citizens" ADD COLUMN "real_name_request_id" uuid;--> statement-breakpoint
ALTER TABLE "citizens" ADD COLUMN "real_name_checked_at" timestamp with time zone;