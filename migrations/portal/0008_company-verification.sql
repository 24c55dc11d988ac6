CREATE TABLE "company_events" (
	"seq" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"company_id" uuid NOT NULL,
	"action" text NOT NULL,
	"actor_id" uuid,
	"subject_id" uuid,
	"detail" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "company_invitations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"company_id" uuid NOT NULL,
	"invited_by" uuid NOT NULL,
	"mobile" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"decided_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "companies" DROP CONSTRAINT "companies_credit_code_unique";--> statement-breakpoint
ALTER TABLE "companies" ADD COLUMN "status" text DEFAULT 'pending' NOT NULL;--> statement-breakpoint
ALTER TABLE "companies" ADD COLUMN "refusal" text;--> statement-breakpoint
ALTER TABLE "companies" ADD COLUMN "verify_request_id" uuid;--> statement-breakpoint
ALTER TABLE "companies" ADD COLUMN "representative_id_hash" text;--> statement-breakpoint
ALTER TABLE "companies" ADD COLUMN "decided_at" timestamp with time zone;--> statement-breakpoint
-- Companies registered before claims were checked against the market-regulation registry were never verified:
-- they are refused (the holder may claim again) and nobody acts for them any more.
UPDATE "companies" SET "status" = 'refused', "refusal" = 'unverified', "decided_at" = now();--> statement-breakpoint
UPDATE "company_agents" SET "active" = false;--> statement-breakpoint
ALTER TABLE "company_events" ADD CONSTRAINT "company_events_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "company_events" ADD CONSTRAINT "company_events_actor_id_citizens_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."citizens"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "company_events" ADD CONSTRAINT "company_events_subject_id_citizens_id_fk" FOREIGN KEY ("subject_id") REFERENCES "public"."citizens"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "company_invitations" ADD CONSTRAINT "company_invitations_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "company_invitations" ADD CONSTRAINT "company_invitations_invited_by_citizens_id_fk" FOREIGN KEY ("invited_by") REFERENCES "public"."citizens"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "company_events_company_idx" ON "company_events" USING btree ("company_id","action","at");--> statement-breakpoint
CREATE INDEX "company_events_actor_idx" ON "company_events" USING btree ("actor_id","action","at");--> statement-breakpoint
CREATE INDEX "company_invitations_mobile_idx" ON "company_invitations" USING btree ("mobile","status");--> statement-breakpoint
CREATE INDEX "company_invitations_company_idx" ON "company_invitations" USING btree ("company_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "companies_active_credit_code" ON "companies" USING btree ("credit_code") WHERE "companies"."status" = 'active';--> statement-breakpoint
CREATE INDEX "companies_created_by_idx" ON "companies" USING btree ("created_by","created_at");