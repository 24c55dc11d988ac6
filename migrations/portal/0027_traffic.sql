CREATE TABLE "traffic_lookups" (
	"citizen_id" uuid PRIMARY KEY NOT NULL,
	"request_id" uuid NOT NULL,
	"requested_at" timestamp with time zone NOT NULL,
	"answered_at" timestamp with time zone,
	"as_of" timestamp with time zone,
	"vehicles" jsonb,
	"licence" jsonb
);
--> statement-breakpoint
CREATE TABLE "traffic_violations" (
	"id" uuid PRIMARY KEY NOT NULL,
	"citizen_id" uuid NOT NULL,
	"plate" text NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"place" text NOT NULL,
	"offence_code" text NOT NULL,
	"offence" jsonb NOT NULL,
	"points" integer NOT NULL,
	"fine_fen" integer NOT NULL,
	"state" text NOT NULL,
	"decision_no" text,
	"unit_code" text NOT NULL,
	"photo" "bytea" NOT NULL,
	"accept_request_id" uuid,
	"accept_requested_at" timestamp with time zone,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "traffic_lookups" ADD CONSTRAINT "traffic_lookups_citizen_id_citizens_id_fk" FOREIGN KEY ("citizen_id") REFERENCES "public"."citizens"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "traffic_violations" ADD CONSTRAINT "traffic_violations_citizen_id_citizens_id_fk" FOREIGN KEY ("citizen_id") REFERENCES "public"."citizens"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "traffic_violations_citizen_idx" ON "traffic_violations" USING btree ("citizen_id","occurred_at");