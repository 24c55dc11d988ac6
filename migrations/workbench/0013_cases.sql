CREATE TABLE "case_actions" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"case_number" text NOT NULL,
	"seq" integer NOT NULL,
	"actor" text NOT NULL,
	"unit_code" text,
	"action" text NOT NULL,
	"from_state" text,
	"to_state" text NOT NULL,
	"reason" text,
	"data" jsonb NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_attachments" (
	"attachment_id" uuid PRIMARY KEY NOT NULL,
	"case_number" text,
	"citizen_ref" uuid,
	"name" text,
	"media_type" text,
	"size" integer,
	"content" "bytea",
	"received_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "cases" (
	"case_number" text PRIMARY KEY NOT NULL,
	"application_id" uuid NOT NULL,
	"item_id" text NOT NULL,
	"item_version" integer NOT NULL,
	"item_name" text NOT NULL,
	"item_name_en" text NOT NULL,
	"form_id" text NOT NULL,
	"form_version" integer NOT NULL,
	"form_hash" text NOT NULL,
	"unit_code" text NOT NULL,
	"unit_path" text NOT NULL,
	"citizen_ref" uuid NOT NULL,
	"applicant_masked" text NOT NULL,
	"id_number_masked" text NOT NULL,
	"id_number_hash" text NOT NULL,
	"applicant_sealed" text NOT NULL,
	"company_name" text,
	"answers" jsonb NOT NULL,
	"workflow_id" text NOT NULL,
	"workflow_version" integer NOT NULL,
	"state" text NOT NULL,
	"public_status" text NOT NULL,
	"state_due_on" date,
	"state_since" date NOT NULL,
	"promised_value" integer NOT NULL,
	"promised_unit" text NOT NULL,
	"due_on" date,
	"closed" boolean DEFAULT false NOT NULL,
	"claimed_by" text,
	"claimed_at" timestamp with time zone,
	"handled_by" text[] DEFAULT '{}'::text[] NOT NULL,
	"public_seq" integer DEFAULT 0 NOT NULL,
	"action_seq" integer DEFAULT 0 NOT NULL,
	"submitted_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "case_actions" ADD CONSTRAINT "case_actions_case_number_cases_case_number_fk" FOREIGN KEY ("case_number") REFERENCES "public"."cases"("case_number") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "case_actions_seq_idx" ON "case_actions" USING btree ("case_number","seq");--> statement-breakpoint
CREATE INDEX "case_attachments_case_idx" ON "case_attachments" USING btree ("case_number");--> statement-breakpoint
CREATE UNIQUE INDEX "cases_application_idx" ON "cases" USING btree ("application_id");--> statement-breakpoint
CREATE INDEX "cases_queue_idx" ON "cases" USING btree ("unit_code","closed","state_due_on","case_number");--> statement-breakpoint
CREATE INDEX "cases_open_due_idx" ON "cases" USING btree ("closed","state_due_on","case_number");--> statement-breakpoint
CREATE INDEX "cases_queue_state_idx" ON "cases" USING btree ("unit_code","closed","state","state_due_on","case_number");--> statement-breakpoint
CREATE INDEX "cases_claimed_idx" ON "cases" USING btree ("claimed_by","closed");--> statement-breakpoint
CREATE INDEX "cases_id_number_idx" ON "cases" USING btree ("id_number_hash");--> statement-breakpoint
CREATE INDEX "cases_due_idx" ON "cases" USING btree ("state","state_due_on");