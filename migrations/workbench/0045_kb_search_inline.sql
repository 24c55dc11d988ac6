-- A search reads the vector of each of up to a thousand candidate versions to rank them. A version's row (question,
-- answer, search text and a vector of about 1.7 kB) passed the 2 kB at which PostgreSQL moves its largest values
-- out of line, so each candidate cost three more page reads from the TOAST table. Rows up to a page stay whole,
-- and the vector is the last value moved out when a row is larger still.
ALTER TABLE "kb_versions" SET (toast_tuple_target = 8160);
--> statement-breakpoint
ALTER TABLE "kb_versions" ALTER COLUMN "search_vector" SET STORAGE MAIN;
--> statement-breakpoint
-- The versions in use already stored are written again whole (the lexemes do not change, so their counts neither).
UPDATE "kb_versions" SET "search_vector" = "search_vector" || ''::tsvector WHERE "state" = 'in-use';
