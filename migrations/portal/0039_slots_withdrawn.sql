ALTER TABLE "appointment_slots" ADD COLUMN "withdrawn_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "appointment_slots" ADD COLUMN "day_closed_at" timestamp with time zone;--> statement-breakpoint
-- Slots an earlier release already closed are marked withdrawn, so a place given back in them is not offered again.
-- Where the newest kept release covering a future slot's day no longer lists it, it is withdrawn (and a place a
-- holder gave back since is taken off again).
WITH "releases" AS MATERIALIZED (
  SELECT "message_id", "payload"->>'unitCode' AS "unit_code", "payload"->>'itemId' AS "item_id",
    "payload"->>'from' AS "from_date", "payload"->>'to' AS "to_date",
    ("payload"->>'releasedAt')::timestamptz AS "released_at"
  FROM "inbox"
  WHERE "type" = 'appointment.slots.published' AND "processed_at" IS NOT NULL AND "quarantined_at" IS NULL
    AND "payload_purged_at" IS NULL
), "newest" AS (
  SELECT DISTINCT ON (s."slot_key") s."slot_key", r."message_id"
  FROM "appointment_slots" s
  JOIN "releases" r ON r."unit_code" = s."unit_code" AND r."item_id" = s."item_id"
    AND s."date" BETWEEN r."from_date" AND r."to_date"
  WHERE s."starts_at" > now() AND s."withdrawn_at" IS NULL
  ORDER BY s."slot_key", r."released_at" DESC
)
UPDATE "appointment_slots" s SET "withdrawn_at" = s."released_at", "quota" = s."booked"
FROM "newest" n
JOIN "inbox" i ON i."message_id" = n."message_id"
WHERE s."slot_key" = n."slot_key"
  AND NOT i."payload"->'slots' @> jsonb_build_array(jsonb_build_object('date', s."date", 'start', s."start_time"));--> statement-breakpoint
-- A future slot no kept release covers is taken as closed when a release left it with no free place and nobody
-- booked or moved into it since (a slot filled by bookings has one made after its release).
UPDATE "appointment_slots" s SET "withdrawn_at" = s."released_at"
WHERE s."starts_at" > now() AND s."withdrawn_at" IS NULL AND s."quota" = s."booked"
  AND NOT EXISTS (
    SELECT 1 FROM "inbox" i
    WHERE i."type" = 'appointment.slots.published' AND i."processed_at" IS NOT NULL AND i."payload_purged_at" IS NULL
      AND i."payload"->>'unitCode' = s."unit_code" AND i."payload"->>'itemId' = s."item_id"
      AND s."date" BETWEEN i."payload"->>'from' AND i."payload"->>'to'
  )
  AND NOT EXISTS (
    SELECT 1 FROM "appointment_bookings" b
    WHERE b."slot_key" = s."slot_key" AND b."status" = 'booked' AND b."updated_at" > s."released_at"
  );
