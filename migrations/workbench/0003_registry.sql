CREATE TABLE "residents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"id_number_hash" text NOT NULL,
	"id_number_sealed" text NOT NULL,
	"name" text NOT NULL,
	"sex" text NOT NULL,
	"birth_date" date NOT NULL,
	"address" text NOT NULL,
	"household_unit_code" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "residents_id_number_hash_unique" UNIQUE("id_number_hash")
);
--> statement-breakpoint
CREATE INDEX "residents_unit_idx" ON "residents" USING btree ("household_unit_code");