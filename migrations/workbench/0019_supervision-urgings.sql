CREATE TABLE "urging_escalations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"urging_id" uuid NOT NULL,
	"rule_id" text NOT NULL,
	"to_unit_code" text NOT NULL,
	"to_unit_path" text NOT NULL,
	"to_role" text NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "urgings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"batch_id" uuid NOT NULL,
	"source" text NOT NULL,
	"item_ref" text NOT NULL,
	"unit_code" text NOT NULL,
	"unit_path" text NOT NULL,
	"from_unit_code" text NOT NULL,
	"from_unit_path" text NOT NULL,
	"sent_by" text NOT NULL,
	"message" text NOT NULL,
	"round" integer NOT NULL,
	"workflow_id" text NOT NULL,
	"workflow_version" integer NOT NULL,
	"state" text NOT NULL,
	"reply_due_on" date,
	"answer_reason" text,
	"promised_on" date,
	"answered_by" text,
	"answered_at" timestamp with time zone,
	"sent_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "urging_escalations" ADD CONSTRAINT "urging_escalations_urging_id_urgings_id_fk" FOREIGN KEY ("urging_id") REFERENCES "public"."urgings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "urging_escalations_urging_idx" ON "urging_escalations" USING btree ("urging_id");--> statement-breakpoint
CREATE INDEX "urgings_item_idx" ON "urgings" USING btree ("source","item_ref");--> statement-breakpoint
CREATE INDEX "urgings_state_due_idx" ON "urgings" USING btree ("state","reply_due_on");--> statement-breakpoint
CREATE INDEX "urgings_unit_idx" ON "urgings" USING btree ("unit_code","state");