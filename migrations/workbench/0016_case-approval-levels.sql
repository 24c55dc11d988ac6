ALTER TABLE "cases" ADD COLUMN "home_unit_code" text;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "home_unit_path" text;