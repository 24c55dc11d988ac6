CREATE TABLE "content_articles" (
	"id" serial PRIMARY KEY NOT NULL,
	"column" text NOT NULL,
	"unit_code" text NOT NULL,
	"title" text NOT NULL,
	"current_version" integer NOT NULL,
	"published_version" integer,
	"status" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "content_versions" (
	"article_id" integer NOT NULL,
	"version" integer NOT NULL,
	"title" text NOT NULL,
	"summary" text DEFAULT '' NOT NULL,
	"body" text DEFAULT '' NOT NULL,
	"fields" jsonb NOT NULL,
	"state" text NOT NULL,
	"workflow_id" text NOT NULL,
	"workflow_version" integer NOT NULL,
	"author_badge" text NOT NULL,
	"editors" text[] DEFAULT '{}'::text[] NOT NULL,
	"submitted_by" text,
	"submitted_at" timestamp with time zone,
	"reviewer_badge" text,
	"review_comment" text,
	"overrides" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"publish_at" timestamp with time zone,
	"withdraw_at" timestamp with time zone,
	"published_at" timestamp with time zone,
	"withdrawn_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "content_versions_pk" PRIMARY KEY("article_id","version")
);
--> statement-breakpoint
ALTER TABLE "content_versions" ADD CONSTRAINT "content_versions_article_id_content_articles_id_fk" FOREIGN KEY ("article_id") REFERENCES "public"."content_articles"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "content_articles_status_idx" ON "content_articles" USING btree ("status");--> statement-breakpoint
CREATE INDEX "content_versions_state_idx" ON "content_versions" USING btree ("state");