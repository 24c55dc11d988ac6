CREATE TABLE "case_documents" (
	"id" uuid PRIMARY KEY NOT NULL,
	"case_number" text NOT NULL,
	"step_seq" integer NOT NULL,
	"kind" text NOT NULL,
	"document_number" text NOT NULL,
	"verification_code" text NOT NULL,
	"sha256" text NOT NULL,
	"file_name" text NOT NULL,
	"content" "bytea" NOT NULL,
	"issued_at" timestamp with time zone NOT NULL,
	CONSTRAINT "case_documents_document_number_unique" UNIQUE("document_number"),
	CONSTRAINT "case_documents_verification_code_unique" UNIQUE("verification_code")
);
--> statement-breakpoint
CREATE TABLE "document_counters" (
	"unit_code" text NOT NULL,
	"kind" text NOT NULL,
	"year" integer NOT NULL,
	"last" integer NOT NULL,
	CONSTRAINT "document_counters_unit_code_kind_year_pk" PRIMARY KEY("unit_code","kind","year")
);
--> statement-breakpoint
ALTER TABLE "case_documents" ADD CONSTRAINT "case_documents_case_number_cases_case_number_fk" FOREIGN KEY ("case_number") REFERENCES "public"."cases"("case_number") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "case_documents_step_idx" ON "case_documents" USING btree ("case_number","step_seq");