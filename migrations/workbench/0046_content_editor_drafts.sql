CREATE TABLE "content_editor_drafts" (
	"id" text PRIMARY KEY NOT NULL,
	"article_id" integer NOT NULL,
	"badge_no" text NOT NULL,
	"base_version" integer NOT NULL,
	"form" jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "content_editor_drafts" ADD CONSTRAINT "content_editor_drafts_article_id_content_articles_id_fk" FOREIGN KEY ("article_id") REFERENCES "public"."content_articles"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "content_editor_drafts_owner_idx" ON "content_editor_drafts" USING btree ("article_id","badge_no");--> statement-breakpoint
CREATE INDEX "content_editor_drafts_expiry_idx" ON "content_editor_drafts" USING btree ("expires_at");