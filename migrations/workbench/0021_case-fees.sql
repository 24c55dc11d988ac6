CREATE TABLE "case_fees" (
	"case_number" text PRIMARY KEY NOT NULL,
	"amount_fen" integer NOT NULL,
	"description" jsonb NOT NULL,
	"payee_unit" text NOT NULL,
	"status" text DEFAULT 'due' NOT NULL,
	"assessed_by" text NOT NULL,
	"assessed_at" timestamp with time zone NOT NULL,
	"order_no" text,
	"paid_fen" integer,
	"paid_at" timestamp with time zone
);
