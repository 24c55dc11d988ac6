ALTER TABLE "directory_units" ADD COLUMN "beat" jsonb;--> statement-breakpoint
ALTER TABLE "directory_units" ADD COLUMN "officer_name" text;--> statement-breakpoint
ALTER TABLE "directory_units" ADD COLUMN "officer_badge" text;