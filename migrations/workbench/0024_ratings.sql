CREATE TABLE "ratings" (
	"id" uuid PRIMARY KEY NOT NULL,
	"subject_kind" text NOT NULL,
	"subject_number" text NOT NULL,
	"level" integer NOT NULL,
	"reasons" text[] NOT NULL,
	"comment" text,
	"defaulted" boolean NOT NULL,
	"channel" text NOT NULL,
	"rated_at" timestamp with time zone NOT NULL,
	"unit_code" text,
	"unit_path" text NOT NULL,
	"set_aside" boolean DEFAULT false NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	CONSTRAINT "ratings_subject" UNIQUE("subject_kind","subject_number")
);
--> statement-breakpoint
CREATE TABLE "rectification_actions" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"order_id" uuid NOT NULL,
	"action" text NOT NULL,
	"actor" text NOT NULL,
	"text" text,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rectification_orders" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"rating_id" uuid NOT NULL,
	"unit_code" text,
	"unit_path" text NOT NULL,
	"workflow_id" text NOT NULL,
	"workflow_version" integer NOT NULL,
	"state" text NOT NULL,
	"due_on" date,
	"round" integer DEFAULT 1 NOT NULL,
	"appeal_reason" text,
	"sample" text,
	"sampled_by" text,
	"opened_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "rectification_orders_rating_id_unique" UNIQUE("rating_id")
);
--> statement-breakpoint
ALTER TABLE "rectification_actions" ADD CONSTRAINT "rectification_actions_order_id_rectification_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."rectification_orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rectification_orders" ADD CONSTRAINT "rectification_orders_rating_id_ratings_id_fk" FOREIGN KEY ("rating_id") REFERENCES "public"."ratings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "ratings_unit_idx" ON "ratings" USING btree ("unit_path","rated_at");--> statement-breakpoint
CREATE INDEX "rectification_actions_order_idx" ON "rectification_actions" USING btree ("order_id","at");--> statement-breakpoint
CREATE INDEX "rectification_orders_queue_idx" ON "rectification_orders" USING btree ("unit_path","state","due_on");