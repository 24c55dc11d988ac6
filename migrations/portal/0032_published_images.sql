CREATE TABLE "published_images" (
	"name" text PRIMARY KEY NOT NULL,
	"media_type" text NOT NULL,
	"content" "bytea" NOT NULL,
	"sha256" text NOT NULL,
	"received_at" timestamp with time zone NOT NULL
);
