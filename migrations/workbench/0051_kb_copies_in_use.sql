-- Search reads the copies of its entry's owner and helped count only on versions in use. A change of the entry
-- (the portal's count, most often) now rewrites only its version in use, not every draft and superseded version
-- kept beside it. The others' copies may stand behind; the copy made on every write of a version
-- (kb_versions_from_entry) brings a version up to date when it comes into use, which is a write of it.
CREATE OR REPLACE FUNCTION kb_entries_to_versions() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE kb_versions SET unit_code = NEW.unit_code, unit_path = NEW.unit_path, helped_count = NEW.helped_count
    WHERE entry_id = NEW.id AND state = 'in-use'
      AND (unit_code, unit_path, helped_count) IS DISTINCT FROM (NEW.unit_code, NEW.unit_path, NEW.helped_count);
  RETURN NULL;
END
$$;
