CREATE TABLE "transparency_figures" (
	"scope" text PRIMARY KEY NOT NULL,
	"as_of" text NOT NULL,
	"published_at" timestamp with time zone NOT NULL,
	"figures" jsonb NOT NULL,
	"registered_users" integer NOT NULL,
	"received_at" timestamp with time zone NOT NULL
);
