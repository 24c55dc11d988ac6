CREATE TABLE "published_articles" (
	"id" integer PRIMARY KEY NOT NULL,
	"version" integer NOT NULL,
	"column" text DEFAULT '' NOT NULL,
	"section" text DEFAULT '' NOT NULL,
	"title" text DEFAULT '' NOT NULL,
	"summary" text DEFAULT '' NOT NULL,
	"body" text DEFAULT '' NOT NULL,
	"html" text DEFAULT '' NOT NULL,
	"fields" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"unit_name" text DEFAULT '' NOT NULL,
	"overrides" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"held" jsonb,
	"expires_on" text,
	"search_text" text DEFAULT '' NOT NULL,
	"search_vector" "tsvector" NOT NULL,
	"published_at" timestamp with time zone,
	"withdrawn_at" timestamp with time zone
);
--> statement-breakpoint
CREATE INDEX "published_articles_column_idx" ON "published_articles" USING btree ("column","published_at");--> statement-breakpoint
CREATE INDEX "published_articles_search_idx" ON "published_articles" USING gin ("search_vector") WITH (fastupdate=false);