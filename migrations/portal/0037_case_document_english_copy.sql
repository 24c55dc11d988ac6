ALTER TABLE "case_documents" ADD COLUMN "english_sha256" text;--> statement-breakpoint
ALTER TABLE "case_documents" ADD COLUMN "english_content" "bytea";--> statement-breakpoint
ALTER TABLE "case_documents" ADD COLUMN "english_bytes" integer;