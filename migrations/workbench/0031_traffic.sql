CREATE TABLE "driving_licences" (
	"id_number_hash" text PRIMARY KEY NOT NULL,
	"id_number_sealed" text NOT NULL,
	"licence_class" text NOT NULL,
	"first_issued_on" date NOT NULL,
	"cycle_start" date NOT NULL,
	"points_deducted" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "traffic_violations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"plate" text NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"place" text NOT NULL,
	"offence_code" text NOT NULL,
	"points" integer NOT NULL,
	"fine_fen" integer NOT NULL,
	"unit_code" text NOT NULL,
	"state" text NOT NULL,
	"workflow_id" text NOT NULL,
	"workflow_version" integer NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"decision_no" text,
	"decided_at" timestamp with time zone,
	"decided_for_id_hash" text,
	"paid_order_no" text,
	"paid_fen" integer,
	"paid_at" timestamp with time zone,
	"photo" "bytea" NOT NULL,
	CONSTRAINT "traffic_violations_decision_no_unique" UNIQUE("decision_no")
);
--> statement-breakpoint
CREATE TABLE "vehicles" (
	"plate" text PRIMARY KEY NOT NULL,
	"owner_id_hash" text NOT NULL,
	"owner_id_sealed" text NOT NULL,
	"kind" text NOT NULL,
	"brand" text NOT NULL,
	"registry_unit_code" text NOT NULL,
	"registry_unit_path" text NOT NULL,
	"registered_on" date NOT NULL
);
--> statement-breakpoint
ALTER TABLE "traffic_violations" ADD CONSTRAINT "traffic_violations_plate_vehicles_plate_fk" FOREIGN KEY ("plate") REFERENCES "public"."vehicles"("plate") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "traffic_violations_plate_idx" ON "traffic_violations" USING btree ("plate","occurred_at");--> statement-breakpoint
CREATE INDEX "vehicles_owner_idx" ON "vehicles" USING btree ("owner_id_hash");