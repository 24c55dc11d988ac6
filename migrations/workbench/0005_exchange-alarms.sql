CREATE TABLE "exchange_alarms" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"rule" text NOT NULL,
	"flow" text NOT NULL,
	"severity" text NOT NULL,
	"detail" text NOT NULL,
	"raised_at" timestamp with time zone NOT NULL,
	"last_seen_at" timestamp with time zone NOT NULL,
	"cleared_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "exchange_flow_minutes" (
	"bucket" timestamp with time zone NOT NULL,
	"flow" text NOT NULL,
	"type" text NOT NULL,
	"delivered" integer DEFAULT 0 NOT NULL,
	"duplicates" integer DEFAULT 0 NOT NULL,
	"bytes" bigint DEFAULT 0 NOT NULL,
	"rejected" integer DEFAULT 0 NOT NULL,
	"bad_signatures" integer DEFAULT 0 NOT NULL,
	"retries" integer DEFAULT 0 NOT NULL,
	"latency_count" integer DEFAULT 0 NOT NULL,
	"latency_ms_sum" bigint DEFAULT 0 NOT NULL,
	"latency_ms_max" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "exchange_flow_minutes_bucket_flow_type_pk" PRIMARY KEY("bucket","flow","type")
);
--> statement-breakpoint
CREATE TABLE "exchange_flow_status" (
	"flow" text NOT NULL,
	"type" text NOT NULL,
	"pending" integer DEFAULT 0 NOT NULL,
	"oldest_pending_at" timestamp with time zone,
	"retrying" integer DEFAULT 0 NOT NULL,
	"max_attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"unprocessed" integer DEFAULT 0 NOT NULL,
	"oldest_unprocessed_at" timestamp with time zone,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "exchange_flow_status_flow_type_pk" PRIMARY KEY("flow","type")
);
--> statement-breakpoint
CREATE TABLE "exchange_monitor_state" (
	"key" text PRIMARY KEY NOT NULL,
	"value" bigint NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "exchange_quarantine_mirror" (
	"id" uuid PRIMARY KEY NOT NULL,
	"message_id" uuid,
	"direction" text NOT NULL,
	"reason" text NOT NULL,
	"detail" text,
	"type" text,
	"stream" text,
	"stream_seq" bigint,
	"at" timestamp with time zone NOT NULL,
	"released_at" timestamp with time zone,
	"discarded_at" timestamp with time zone,
	"decided_by" text,
	"decision_reason" text
);
--> statement-breakpoint
CREATE TABLE "exchange_quarantine_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"zone" text NOT NULL,
	"quarantine_id" uuid NOT NULL,
	"action" text NOT NULL,
	"reason" text NOT NULL,
	"requested_by" text NOT NULL,
	"requested_at" timestamp with time zone NOT NULL,
	"done_at" timestamp with time zone,
	"outcome" text
);
--> statement-breakpoint
CREATE UNIQUE INDEX "exchange_alarms_open_uq" ON "exchange_alarms" USING btree ("rule","flow") WHERE cleared_at IS NULL;--> statement-breakpoint
CREATE INDEX "exchange_alarms_raised_idx" ON "exchange_alarms" USING btree ("raised_at");--> statement-breakpoint
CREATE INDEX "exchange_quarantine_mirror_at_idx" ON "exchange_quarantine_mirror" USING btree ("at");--> statement-breakpoint
CREATE UNIQUE INDEX "exchange_quarantine_requests_pending_uq" ON "exchange_quarantine_requests" USING btree ("zone","quarantine_id") WHERE done_at IS NULL;--> statement-breakpoint
CREATE INDEX "exchange_quarantine_requests_entry_idx" ON "exchange_quarantine_requests" USING btree ("zone","quarantine_id");