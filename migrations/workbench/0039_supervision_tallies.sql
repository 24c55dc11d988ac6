CREATE TABLE "supervision_tallies" (
	"source" text NOT NULL,
	"unit_code" text NOT NULL,
	"service" text NOT NULL,
	"service_name" text NOT NULL,
	"service_name_en" text NOT NULL,
	"workflow_id" text NOT NULL,
	"step" text NOT NULL,
	"officer" text NOT NULL,
	"open" integer NOT NULL,
	"amber" integer NOT NULL,
	"red" integer NOT NULL,
	CONSTRAINT "supervision_tallies_unit_code_source_service_workflow_id_step_officer_pk" PRIMARY KEY("unit_code","source","service","workflow_id","step","officer")
);
--> statement-breakpoint
CREATE TABLE "supervision_tally_runs" (
	"id" text PRIMARY KEY NOT NULL,
	"as_of" timestamp with time zone NOT NULL,
	"today" date NOT NULL
);
