ALTER TABLE "inbox" ADD COLUMN "quarantined_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "outbox" ADD COLUMN "signature" text;--> statement-breakpoint
ALTER TABLE "outbox" ADD COLUMN "key_id" text;--> statement-breakpoint
ALTER TABLE "outbox" ADD COLUMN "signed_at" timestamp with time zone;