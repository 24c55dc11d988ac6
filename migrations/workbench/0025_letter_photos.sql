CREATE TABLE "letter_photos" (
	"attachment_id" uuid PRIMARY KEY NOT NULL,
	"citizen_ref" uuid NOT NULL,
	"name" text NOT NULL,
	"media_type" text NOT NULL,
	"size" integer NOT NULL,
	"content" "bytea" NOT NULL,
	"received_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "letters" ADD COLUMN "latitude" double precision;--> statement-breakpoint
ALTER TABLE "letters" ADD COLUMN "longitude" double precision;--> statement-breakpoint
ALTER TABLE "letters" ADD COLUMN "photos" jsonb DEFAULT '[]'::jsonb NOT NULL;