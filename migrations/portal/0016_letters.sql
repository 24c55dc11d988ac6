CREATE TABLE "letter_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"letter_id" uuid NOT NULL,
	"origin" text NOT NULL,
	"seq" integer,
	"status" text,
	"step" text NOT NULL,
	"unit_name" text,
	"message" text,
	"at" timestamp with time zone NOT NULL,
	CONSTRAINT "letter_events_letter_seq" UNIQUE("letter_id","seq")
);
--> statement-breakpoint
CREATE TABLE "letters" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"letter_number" text NOT NULL,
	"citizen_id" uuid,
	"follow_code_hash" text,
	"kind" text NOT NULL,
	"topic" text NOT NULL,
	"subject" text NOT NULL,
	"body" text NOT NULL,
	"place" text,
	"concerned_unit" text,
	"publish_allowed" boolean DEFAULT false NOT NULL,
	"status" text DEFAULT 'submitted' NOT NULL,
	"last_seq" integer DEFAULT 0 NOT NULL,
	"due_on" date,
	"unit_name" text,
	"submitted_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "letters_letter_number_unique" UNIQUE("letter_number")
);
--> statement-breakpoint
ALTER TABLE "letter_events" ADD CONSTRAINT "letter_events_letter_id_letters_id_fk" FOREIGN KEY ("letter_id") REFERENCES "public"."letters"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "letters" ADD CONSTRAINT "letters_citizen_id_citizens_id_fk" FOREIGN KEY ("citizen_id") REFERENCES "public"."citizens"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "letter_events_letter_idx" ON "letter_events" USING btree ("letter_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "letters_follow_code_idx" ON "letters" USING btree ("follow_code_hash") WHERE "letters"."follow_code_hash" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "letters_citizen_idx" ON "letters" USING btree ("citizen_id","submitted_at");