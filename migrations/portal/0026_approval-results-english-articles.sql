CREATE TABLE "approval_results" (
	"id" uuid PRIMARY KEY NOT NULL,
	"item_id" text NOT NULL,
	"item_name" text NOT NULL,
	"item_name_en" text NOT NULL,
	"kind" text NOT NULL,
	"decision" text NOT NULL,
	"decided_on" date NOT NULL,
	"company_name" text NOT NULL,
	"credit_code" text NOT NULL,
	"unit_name" text NOT NULL,
	"unit_name_en" text NOT NULL,
	"received_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "published_articles" ADD COLUMN "title_en" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "published_articles" ADD COLUMN "summary_en" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "published_articles" ADD COLUMN "html_en" text DEFAULT '' NOT NULL;--> statement-breakpoint
CREATE INDEX "approval_results_list_idx" ON "approval_results" USING btree ("decided_on","received_at");--> statement-breakpoint
CREATE INDEX "approval_results_credit_idx" ON "approval_results" USING btree ("credit_code");