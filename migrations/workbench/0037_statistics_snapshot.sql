CREATE TABLE "statistics_runs" (
	"id" text PRIMARY KEY NOT NULL,
	"as_of" timestamp with time zone NOT NULL,
	"months" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "statistics_tallies" (
	"kind" text NOT NULL,
	"month" text NOT NULL,
	"unit_code" text NOT NULL,
	"key" text NOT NULL,
	"figures" jsonb NOT NULL,
	CONSTRAINT "statistics_tallies_unit_code_kind_month_key_pk" PRIMARY KEY("unit_code","kind","month","key")
);
