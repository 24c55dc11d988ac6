CREATE TABLE "letter_photos" (
	"id" uuid PRIMARY KEY NOT NULL,
	"letter_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"name" text NOT NULL,
	"media_type" text NOT NULL,
	"bytes" integer NOT NULL,
	"sha256" text NOT NULL,
	"content" "bytea" NOT NULL
);
--> statement-breakpoint
ALTER TABLE "letters" ADD COLUMN "latitude" double precision;--> statement-breakpoint
ALTER TABLE "letters" ADD COLUMN "longitude" double precision;--> statement-breakpoint
ALTER TABLE "letters" ADD COLUMN "kind_seq" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "letter_photos" ADD CONSTRAINT "letter_photos_letter_id_letters_id_fk" FOREIGN KEY ("letter_id") REFERENCES "public"."letters"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "letter_photos_letter_idx" ON "letter_photos" USING btree ("letter_id","position");