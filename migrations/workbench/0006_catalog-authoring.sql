CREATE TABLE "catalog_item_versions" (
	"item_id" text NOT NULL,
	"version" integer NOT NULL,
	"content" jsonb NOT NULL,
	"input" jsonb,
	"state" text NOT NULL,
	"author_badge" text NOT NULL,
	"editors" text[] DEFAULT '{}'::text[] NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"submitted_at" timestamp with time zone,
	"submitted_by" text,
	"reviewer_badge" text,
	"review_comment" text,
	"decided_at" timestamp with time zone,
	"published_at" timestamp with time zone,
	"withdrawn_at" timestamp with time zone,
	"withdrawn_by" text,
	"withdraw_reason" text,
	CONSTRAINT "catalog_item_versions_pk" PRIMARY KEY("item_id","version")
);
--> statement-breakpoint
CREATE TABLE "catalog_items" (
	"id" text PRIMARY KEY NOT NULL,
	"area" text NOT NULL,
	"name_zh" text NOT NULL,
	"name_en" text NOT NULL,
	"unit_code" text NOT NULL,
	"current_version" integer NOT NULL,
	"published_version" integer,
	"status" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "catalog_item_versions" ADD CONSTRAINT "catalog_item_versions_item_id_catalog_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."catalog_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "catalog_item_versions_state_idx" ON "catalog_item_versions" USING btree ("state");--> statement-breakpoint
CREATE INDEX "catalog_items_status_idx" ON "catalog_items" USING btree ("status");--> statement-breakpoint
CREATE INDEX "catalog_items_area_idx" ON "catalog_items" USING btree ("area");