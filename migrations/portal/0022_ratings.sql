CREATE TABLE "ratings" (
	"id" uuid PRIMARY KEY NOT NULL,
	"subject_kind" text NOT NULL,
	"subject_number" text NOT NULL,
	"citizen_id" uuid NOT NULL,
	"level" integer NOT NULL,
	"reasons" text[] NOT NULL,
	"comment" text,
	"defaulted" boolean DEFAULT false NOT NULL,
	"channel" text NOT NULL,
	"rated_at" timestamp with time zone NOT NULL,
	"reply_round" integer DEFAULT 0 NOT NULL,
	"reply_text" text,
	"reply_unit" text,
	"replied_at" timestamp with time zone,
	"appealed" boolean DEFAULT false NOT NULL,
	"appeal_reason" text,
	"accepted" boolean DEFAULT false NOT NULL,
	"answered_at" timestamp with time zone,
	CONSTRAINT "ratings_subject" UNIQUE("subject_kind","subject_number")
);
--> statement-breakpoint
ALTER TABLE "ratings" ADD CONSTRAINT "ratings_citizen_id_citizens_id_fk" FOREIGN KEY ("citizen_id") REFERENCES "public"."citizens"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "ratings_citizen_idx" ON "ratings" USING btree ("citizen_id","rated_at");