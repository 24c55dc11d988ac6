CREATE TABLE "directory_units" (
	"code" text PRIMARY KEY NOT NULL,
	"revision" integer NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"name_en" text,
	"parent_name" text,
	"district" text NOT NULL,
	"address" text NOT NULL,
	"phone" text NOT NULL,
	"hours" text NOT NULL,
	"schedule" text NOT NULL,
	"lat" double precision NOT NULL,
	"lng" double precision NOT NULL,
	"published_at" timestamp with time zone NOT NULL,
	"withdrawn_at" timestamp with time zone
);
--> statement-breakpoint
CREATE INDEX "directory_units_district_idx" ON "directory_units" USING btree ("district","kind");