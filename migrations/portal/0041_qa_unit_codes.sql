ALTER TABLE "public_qa" ADD COLUMN "unit_code" text;--> statement-breakpoint
-- Answers, letters and their steps received before they carried the unit's code get it from the directory where
-- exactly one unit there bears the name they kept; a name the directory does not hold, or holds twice, stays
-- without a code and is shown as written.
UPDATE "public_qa" AS q SET "unit_code" = d.code
FROM (SELECT "name", min("code") AS code FROM "directory_units" GROUP BY "name" HAVING count(*) = 1) AS d
WHERE q."unit_code" IS NULL AND q."unit_name" = d."name";--> statement-breakpoint
UPDATE "letters" AS l SET "unit_code" = d.code
FROM (SELECT "name", min("code") AS code FROM "directory_units" GROUP BY "name" HAVING count(*) = 1) AS d
WHERE l."unit_code" IS NULL AND l."unit_name" = d."name";--> statement-breakpoint
UPDATE "letter_events" AS e SET "unit_code" = d.code
FROM (SELECT "name", min("code") AS code FROM "directory_units" GROUP BY "name" HAVING count(*) = 1) AS d
WHERE e."unit_code" IS NULL AND e."unit_name" = d."name";
