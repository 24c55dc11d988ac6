CREATE TABLE "rating_set_asides" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"rating_id" uuid NOT NULL,
	"unit_path" text NOT NULL,
	"workflow_id" text NOT NULL,
	"workflow_version" integer NOT NULL,
	"state" text NOT NULL,
	"reason" text NOT NULL,
	"evidence" text NOT NULL,
	"proposed_by" text NOT NULL,
	"proposed_at" timestamp with time zone NOT NULL,
	"decided_by" text,
	"decision_note" text,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "rating_set_asides" ADD CONSTRAINT "rating_set_asides_rating_id_ratings_id_fk" FOREIGN KEY ("rating_id") REFERENCES "public"."ratings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "rating_set_asides_pending" ON "rating_set_asides" USING btree ("rating_id") WHERE "rating_set_asides"."state" = 'proposed';--> statement-breakpoint
CREATE INDEX "rating_set_asides_rating_idx" ON "rating_set_asides" USING btree ("rating_id","proposed_at");