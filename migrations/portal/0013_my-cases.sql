CREATE TABLE "case_documents" (
	"id" uuid PRIMARY KEY NOT NULL,
	"application_id" uuid NOT NULL,
	"case_number" text NOT NULL,
	"kind" text NOT NULL,
	"document_number" text NOT NULL,
	"verification_code" text NOT NULL,
	"holder_masked" text NOT NULL,
	"unit_name" text NOT NULL,
	"issued_at" timestamp with time zone NOT NULL,
	"valid_until" date,
	"sha256" text NOT NULL,
	"file_name" text NOT NULL,
	"content" "bytea" NOT NULL,
	"bytes" integer NOT NULL,
	"received_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"application_id" uuid NOT NULL,
	"case_number" text NOT NULL,
	"seq" integer NOT NULL,
	"status" text NOT NULL,
	"step" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"unit_code" text NOT NULL,
	"unit_name" text NOT NULL,
	"message" text,
	"missing_materials" jsonb,
	"legal_basis" text,
	"due_on" date,
	"applicant_may" text[] DEFAULT '{}'::text[] NOT NULL,
	"visit" jsonb,
	"received_at" timestamp with time zone NOT NULL,
	CONSTRAINT "case_events_case_seq" UNIQUE("case_number","seq")
);
--> statement-breakpoint
CREATE TABLE "case_supplement_files" (
	"id" uuid PRIMARY KEY NOT NULL,
	"supplement_id" uuid NOT NULL,
	"field" text NOT NULL,
	"material" text NOT NULL,
	"name" text NOT NULL,
	"media_type" text NOT NULL,
	"bytes" integer NOT NULL,
	"sha256" text NOT NULL,
	"content" "bytea" NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_supplements" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"application_id" uuid NOT NULL,
	"submitted_by" uuid NOT NULL,
	"status_seq" integer NOT NULL,
	"note" text NOT NULL,
	"answers" jsonb NOT NULL,
	"submitted_at" timestamp with time zone NOT NULL,
	CONSTRAINT "case_supplements_once" UNIQUE("application_id","status_seq")
);
--> statement-breakpoint
CREATE TABLE "case_withdrawals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"application_id" uuid NOT NULL,
	"requested_by" uuid NOT NULL,
	"status_seq" integer NOT NULL,
	"reason" text NOT NULL,
	"requested_at" timestamp with time zone NOT NULL,
	CONSTRAINT "case_withdrawals_once" UNIQUE("application_id","status_seq")
);
--> statement-breakpoint
CREATE TABLE "messages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"citizen_id" uuid NOT NULL,
	"subject" jsonb NOT NULL,
	"body" jsonb NOT NULL,
	"link" text,
	"created_at" timestamp with time zone NOT NULL,
	"read_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "case_documents" ADD CONSTRAINT "case_documents_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_events" ADD CONSTRAINT "case_events_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_supplement_files" ADD CONSTRAINT "case_supplement_files_supplement_id_case_supplements_id_fk" FOREIGN KEY ("supplement_id") REFERENCES "public"."case_supplements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_supplements" ADD CONSTRAINT "case_supplements_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_supplements" ADD CONSTRAINT "case_supplements_submitted_by_citizens_id_fk" FOREIGN KEY ("submitted_by") REFERENCES "public"."citizens"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_withdrawals" ADD CONSTRAINT "case_withdrawals_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_withdrawals" ADD CONSTRAINT "case_withdrawals_requested_by_citizens_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."citizens"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "messages" ADD CONSTRAINT "messages_citizen_id_citizens_id_fk" FOREIGN KEY ("citizen_id") REFERENCES "public"."citizens"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "case_documents_code_idx" ON "case_documents" USING btree ("verification_code");--> statement-breakpoint
CREATE INDEX "case_documents_application_idx" ON "case_documents" USING btree ("application_id","issued_at");--> statement-breakpoint
CREATE INDEX "case_events_application_idx" ON "case_events" USING btree ("application_id","seq");--> statement-breakpoint
CREATE INDEX "case_supplement_files_supplement_idx" ON "case_supplement_files" USING btree ("supplement_id");--> statement-breakpoint
CREATE INDEX "messages_citizen_idx" ON "messages" USING btree ("citizen_id","created_at");--> statement-breakpoint
CREATE INDEX "messages_unread_idx" ON "messages" USING btree ("citizen_id") WHERE "messages"."read_at" IS NULL;