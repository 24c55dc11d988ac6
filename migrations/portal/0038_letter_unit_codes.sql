ALTER TABLE "letter_events" ADD COLUMN "unit_code" text;--> statement-breakpoint
ALTER TABLE "letters" ADD COLUMN "unit_code" text;