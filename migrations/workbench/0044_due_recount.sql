ALTER TABLE "cases" ADD COLUMN "due_since" date;--> statement-breakpoint
ALTER TABLE "letters" ADD COLUMN "due_since" date;--> statement-breakpoint
ALTER TABLE "urgings" ADD COLUMN "reply_days" integer;--> statement-breakpoint
-- The days existing due dates were counted from, out of the histories: a case's overall limit from its
-- acceptance (or deemed acceptance), a letter's deadline from its last routing, forwarding or reclassification.
UPDATE "cases" c SET "due_since" = (
  SELECT (a."at" AT TIME ZONE 'Asia/Shanghai')::date FROM "case_actions" a
  WHERE a."case_number" = c."case_number" AND a."action" IN ('accept', 'deem-accept')
  ORDER BY a."seq" DESC LIMIT 1
) WHERE c."due_on" IS NOT NULL;--> statement-breakpoint
UPDATE "letters" l SET "due_since" = (
  SELECT (a."at" AT TIME ZONE 'Asia/Shanghai')::date FROM "letter_actions" a
  WHERE a."letter_number" = l."letter_number"
    AND a."action" IN ('route-simple', 'route-complex', 'forward', 'reclassify-simple', 'reclassify-complex')
  ORDER BY a."id" DESC LIMIT 1
) WHERE l."due_on" IS NOT NULL;
