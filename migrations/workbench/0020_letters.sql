CREATE TABLE "letter_actions" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"letter_number" text NOT NULL,
	"action" text NOT NULL,
	"actor" text NOT NULL,
	"unit_code" text,
	"text" text,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "letters" (
	"letter_number" text PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"topic" text NOT NULL,
	"subject" text NOT NULL,
	"body" text NOT NULL,
	"place" text,
	"concerned_unit" text,
	"accused_unit_code" text,
	"publish_allowed" boolean NOT NULL,
	"anonymous" boolean NOT NULL,
	"writer_sealed" text,
	"routed_by" text,
	"unit_code" text,
	"unit_path" text,
	"workflow_id" text NOT NULL,
	"workflow_version" integer NOT NULL,
	"state" text NOT NULL,
	"due_on" date,
	"claimed_by" text,
	"seq" integer DEFAULT 0 NOT NULL,
	"reply" text,
	"received_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "letter_actions" ADD CONSTRAINT "letter_actions_letter_number_letters_letter_number_fk" FOREIGN KEY ("letter_number") REFERENCES "public"."letters"("letter_number") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "letter_actions_letter_idx" ON "letter_actions" USING btree ("letter_number","id");--> statement-breakpoint
CREATE INDEX "letters_queue_idx" ON "letters" USING btree ("unit_path","due_on");--> statement-breakpoint
CREATE INDEX "letters_open_idx" ON "letters" USING btree ("due_on") WHERE "letters"."state" NOT IN ('replied', 'transferred');