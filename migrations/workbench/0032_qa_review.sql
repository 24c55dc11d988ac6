ALTER TABLE "qa_publications" ALTER COLUMN "published_by" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "qa_publications" ALTER COLUMN "published_at" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "qa_publications" ADD COLUMN "state" text DEFAULT 'published' NOT NULL;--> statement-breakpoint
ALTER TABLE "qa_publications" ADD COLUMN "workflow_id" text DEFAULT 'qa-publication' NOT NULL;--> statement-breakpoint
ALTER TABLE "qa_publications" ADD COLUMN "workflow_version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "qa_publications" ADD COLUMN "drafted_by" text;--> statement-breakpoint
ALTER TABLE "qa_publications" ADD COLUMN "review_comment" text;--> statement-breakpoint
ALTER TABLE "qa_publications" ADD COLUMN "updated_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
CREATE INDEX "qa_publications_state_idx" ON "qa_publications" USING btree ("state","updated_at");