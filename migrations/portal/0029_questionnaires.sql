CREATE TABLE "public_questionnaires" (
	"id" uuid PRIMARY KEY NOT NULL,
	"version" integer DEFAULT 0 NOT NULL,
	"definition" jsonb,
	"audience" text DEFAULT 'everyone' NOT NULL,
	"opens_on" date,
	"closes_on" date,
	"published_at" timestamp with time zone,
	"closed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "questionnaire_answers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"questionnaire_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"citizen_id" uuid,
	"guard" text,
	"answers" jsonb NOT NULL,
	"submitted_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "questionnaire_answers" ADD CONSTRAINT "questionnaire_answers_questionnaire_id_public_questionnaires_id_fk" FOREIGN KEY ("questionnaire_id") REFERENCES "public"."public_questionnaires"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "questionnaire_answers" ADD CONSTRAINT "questionnaire_answers_citizen_id_citizens_id_fk" FOREIGN KEY ("citizen_id") REFERENCES "public"."citizens"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "public_questionnaires_open_idx" ON "public_questionnaires" USING btree ("closes_on");--> statement-breakpoint
CREATE UNIQUE INDEX "questionnaire_answers_citizen_idx" ON "questionnaire_answers" USING btree ("questionnaire_id","citizen_id") WHERE "questionnaire_answers"."citizen_id" IS NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "questionnaire_answers_guard_idx" ON "questionnaire_answers" USING btree ("questionnaire_id","guard") WHERE "questionnaire_answers"."guard" IS NOT NULL;