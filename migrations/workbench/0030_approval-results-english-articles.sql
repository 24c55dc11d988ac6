ALTER TABLE "cases" ADD COLUMN "company_credit_code" text;--> statement-breakpoint
ALTER TABLE "content_versions" ADD COLUMN "title_en" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "content_versions" ADD COLUMN "summary_en" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "content_versions" ADD COLUMN "body_en" text DEFAULT '' NOT NULL;