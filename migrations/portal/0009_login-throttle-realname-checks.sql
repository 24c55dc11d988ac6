CREATE TABLE "auth_throttle" (
	"key" text PRIMARY KEY NOT NULL,
	"failures" integer DEFAULT 0 NOT NULL,
	"blocked_until" timestamp with time zone,
	"last_attempt_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "realname_checks" (
	"request_id" uuid PRIMARY KEY NOT NULL,
	"citizen_id" uuid NOT NULL,
	"requested_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "realname_checks" ADD CONSTRAINT "realname_checks_citizen_id_citizens_id_fk" FOREIGN KEY ("citizen_id") REFERENCES "public"."citizens"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "auth_throttle_last_attempt_idx" ON "auth_throttle" USING btree ("last_attempt_at");--> statement-breakpoint
CREATE INDEX "realname_checks_citizen_idx" ON "realname_checks" USING btree ("citizen_id","requested_at");--> statement-breakpoint
ALTER TABLE "citizens" DROP COLUMN "failed_logins";--> statement-breakpoint
ALTER TABLE "citizens" DROP COLUMN "locked_until";--> statement-breakpoint
-- An ID number belongs to an account only after the registry confirmed it: release the ones merely typed in.
UPDATE "citizens" SET "id_number_hash" = NULL WHERE "real_name_status" <> 'verified';
