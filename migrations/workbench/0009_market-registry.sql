CREATE TABLE "market_entities" (
	"credit_code" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"status" text NOT NULL,
	"legal_rep_name" text NOT NULL,
	"legal_rep_id_hash" text NOT NULL,
	"legal_rep_id_sealed" text NOT NULL,
	"address" text NOT NULL,
	"registered_on" date NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "market_entities_rep_idx" ON "market_entities" USING btree ("legal_rep_id_hash");