ALTER TABLE "inbox" ADD COLUMN "payload_purged_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "outbox" ADD COLUMN "payload_purged_at" timestamp with time zone;