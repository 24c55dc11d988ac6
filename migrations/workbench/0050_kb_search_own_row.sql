ALTER TABLE "kb_versions" ADD COLUMN "unit_code" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "kb_versions" ADD COLUMN "unit_path" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "kb_versions" ADD COLUMN "helped_count" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
-- A search orders up to a thousand candidate versions by their entry's helped count and filters them by its owner;
-- looking up each candidate's entry cost more than reading the versions. Each version carries its entry's owner
-- and count instead, copied by the database so no write path (review, bulk load, a unit's move, the portal's
-- counts) can leave them behind: on every write of a version from its entry, and on every change of an entry to
-- its versions. Search reads only versions in use, but every version is kept right, so a version coming into use
-- is right already.
CREATE OR REPLACE FUNCTION kb_versions_from_entry() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  SELECT e.unit_code, e.unit_path, e.helped_count INTO NEW.unit_code, NEW.unit_path, NEW.helped_count
    FROM kb_entries e WHERE e.id = NEW.entry_id;
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION kb_entries_to_versions() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE kb_versions SET unit_code = NEW.unit_code, unit_path = NEW.unit_path, helped_count = NEW.helped_count
    WHERE entry_id = NEW.id
      AND (unit_code, unit_path, helped_count) IS DISTINCT FROM (NEW.unit_code, NEW.unit_path, NEW.helped_count);
  RETURN NULL;
END
$$;
--> statement-breakpoint
-- The versions already written. Their state and text do not change, so the lexeme counts' trigger, which would
-- unnest every vector twice to net nothing, is left out of this one statement.
ALTER TABLE "kb_versions" DISABLE TRIGGER kb_term_docs_on_update;
--> statement-breakpoint
UPDATE "kb_versions" v SET unit_code = e.unit_code, unit_path = e.unit_path, helped_count = e.helped_count
  FROM "kb_entries" e WHERE e.id = v.entry_id;
--> statement-breakpoint
ALTER TABLE "kb_versions" ENABLE TRIGGER kb_term_docs_on_update;
--> statement-breakpoint
CREATE TRIGGER kb_versions_from_entry BEFORE INSERT OR UPDATE ON kb_versions
  FOR EACH ROW EXECUTE FUNCTION kb_versions_from_entry();
--> statement-breakpoint
CREATE TRIGGER kb_entries_to_versions AFTER UPDATE OF unit_code, unit_path, helped_count ON kb_entries
  FOR EACH ROW EXECUTE FUNCTION kb_entries_to_versions();
