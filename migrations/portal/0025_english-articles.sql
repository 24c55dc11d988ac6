ALTER TABLE "published_articles" ADD COLUMN "title_en" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "published_articles" ADD COLUMN "summary_en" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "published_articles" ADD COLUMN "html_en" text DEFAULT '' NOT NULL;