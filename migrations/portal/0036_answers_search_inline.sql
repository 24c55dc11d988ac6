-- The instant answers read the vector of each candidate answer to rank it. An answer's row (question, answer,
-- search text and its vector) passed the 2 kB at which PostgreSQL moves its largest values out of line, so each
-- candidate cost three more page reads from the TOAST table. Rows up to a page stay whole, and the vector is the
-- last value moved out when a row is larger still.
ALTER TABLE "published_answers" SET (toast_tuple_target = 8160);
--> statement-breakpoint
ALTER TABLE "published_answers" ALTER COLUMN "search_vector" SET STORAGE MAIN;
--> statement-breakpoint
-- The live answers already stored are written again whole (the lexemes do not change, so their counts neither).
UPDATE "published_answers" SET "search_vector" = "search_vector" || ''::tsvector WHERE "withdrawn_at" IS NULL;
