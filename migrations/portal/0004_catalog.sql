CREATE TABLE "published_items" (
	"id" text PRIMARY KEY NOT NULL,
	"version" integer NOT NULL,
	"area" text,
	"audience" text,
	"life_events" text[] DEFAULT '{}'::text[] NOT NULL,
	"item_type" text,
	"name_zh" text,
	"name_en" text,
	"item" jsonb,
	"search_text" text DEFAULT '' NOT NULL,
	"search_vector" "tsvector" NOT NULL,
	"published_at" timestamp with time zone,
	"withdrawn_at" timestamp with time zone,
	CONSTRAINT "published_items_live_has_item" CHECK ("published_items"."withdrawn_at" IS NOT NULL OR ("published_items"."item" IS NOT NULL AND "published_items"."area" IS NOT NULL AND "published_items"."audience" IS NOT NULL AND "published_items"."item_type" IS NOT NULL AND "published_items"."name_zh" IS NOT NULL AND "published_items"."name_en" IS NOT NULL AND "published_items"."published_at" IS NOT NULL))
);
--> statement-breakpoint
CREATE INDEX "published_items_area_idx" ON "published_items" USING btree ("area");--> statement-breakpoint
CREATE INDEX "published_items_life_events_idx" ON "published_items" USING gin ("life_events");--> statement-breakpoint
CREATE INDEX "published_items_search_idx" ON "published_items" USING gin ("search_vector") WITH (fastupdate=false);