-- Publications withdrawn before the review workflow arrived took the new column's default, 'published'; they are
-- withdrawn, and the workflow must not offer to withdraw them a second time.
UPDATE "qa_publications" SET "state" = 'withdrawn' WHERE "withdrawn_at" IS NOT NULL AND "state" = 'published';
