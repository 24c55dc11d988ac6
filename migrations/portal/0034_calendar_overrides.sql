CREATE TABLE "calendar_overrides" (
	"year" integer NOT NULL,
	"date" date NOT NULL,
	"work" boolean NOT NULL,
	"name" text NOT NULL,
	"schedule_id" uuid NOT NULL,
	"approved_at" timestamp with time zone NOT NULL,
	CONSTRAINT "calendar_overrides_year_date_pk" PRIMARY KEY("year","date")
);
