CREATE TABLE "inbox" (
	"message_id" uuid PRIMARY KEY NOT NULL,
	"from_zone" text NOT NULL,
	"stream" text NOT NULL,
	"seq" bigint NOT NULL,
	"type" text NOT NULL,
	"version" integer NOT NULL,
	"payload" jsonb NOT NULL,
	"sent_at" timestamp with time zone NOT NULL,
	"signature" text NOT NULL,
	"key_id" text NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"processed_at" timestamp with time zone,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text
);
--> statement-breakpoint
CREATE TABLE "message_log" (
	"seq" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"message_id" uuid,
	"direction" text NOT NULL,
	"type" text,
	"version" integer,
	"stream" text,
	"stream_seq" bigint,
	"bytes" integer NOT NULL,
	"outcome" text NOT NULL,
	"reason" text,
	"prev_hash" text NOT NULL,
	"hash" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "outbox" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"stream" text NOT NULL,
	"seq" bigint NOT NULL,
	"type" text NOT NULL,
	"version" integer NOT NULL,
	"payload" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone,
	"quarantined_at" timestamp with time zone,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_error" text,
	CONSTRAINT "outbox_stream_seq_uq" UNIQUE("stream","seq")
);
--> statement-breakpoint
CREATE TABLE "quarantine" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"message_id" uuid,
	"direction" text NOT NULL,
	"raw" jsonb NOT NULL,
	"reason" text NOT NULL,
	"detail" text,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"released_at" timestamp with time zone,
	"discarded_at" timestamp with time zone,
	"decided_by" text,
	"decision_reason" text
);
--> statement-breakpoint
CREATE INDEX "inbox_pending_idx" ON "inbox" USING btree ("stream","seq") WHERE processed_at IS NULL;--> statement-breakpoint
CREATE INDEX "message_log_message_idx" ON "message_log" USING btree ("message_id");--> statement-breakpoint
CREATE INDEX "outbox_pending_idx" ON "outbox" USING btree ("stream","seq") WHERE sent_at IS NULL AND quarantined_at IS NULL;--> statement-breakpoint
CREATE INDEX "quarantine_open_idx" ON "quarantine" USING btree ("at") WHERE released_at IS NULL AND discarded_at IS NULL;--> statement-breakpoint
-- The message log is insert-only, like the audit log; verifyMessageLog catches whoever can switch this off.
CREATE OR REPLACE FUNCTION message_log_insert_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'message_log is insert-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;
--> statement-breakpoint
CREATE TRIGGER message_log_no_update_delete BEFORE UPDATE OR DELETE ON message_log FOR EACH ROW EXECUTE FUNCTION message_log_insert_only();
--> statement-breakpoint
CREATE TRIGGER message_log_no_truncate BEFORE TRUNCATE ON message_log FOR EACH STATEMENT EXECUTE FUNCTION message_log_insert_only();
