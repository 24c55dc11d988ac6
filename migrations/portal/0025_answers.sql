CREATE TABLE "answer_helped_marks" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"entry_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"citizen_id" uuid,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "public_qa" (
	"id" uuid PRIMARY KEY NOT NULL,
	"topic" text DEFAULT 'other' NOT NULL,
	"question" text DEFAULT '' NOT NULL,
	"answer" text DEFAULT '' NOT NULL,
	"unit_name" text DEFAULT '' NOT NULL,
	"asked_on" text DEFAULT '' NOT NULL,
	"published_at" timestamp with time zone,
	"withdrawn_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "published_answers" (
	"entry_id" uuid PRIMARY KEY NOT NULL,
	"version" integer NOT NULL,
	"question" text DEFAULT '' NOT NULL,
	"answer" text DEFAULT '' NOT NULL,
	"area" text DEFAULT 'other' NOT NULL,
	"search_text" text DEFAULT '' NOT NULL,
	"search_vector" "tsvector" NOT NULL,
	"published_at" timestamp with time zone,
	"withdrawn_at" timestamp with time zone
);
--> statement-breakpoint
CREATE INDEX "answer_helped_marks_entry_idx" ON "answer_helped_marks" USING btree ("entry_id");--> statement-breakpoint
CREATE UNIQUE INDEX "answer_helped_marks_citizen_idx" ON "answer_helped_marks" USING btree ("entry_id","citizen_id") WHERE "answer_helped_marks"."citizen_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "public_qa_published_idx" ON "public_qa" USING btree ("published_at");--> statement-breakpoint
CREATE INDEX "published_answers_search_idx" ON "published_answers" USING gin ("search_vector");