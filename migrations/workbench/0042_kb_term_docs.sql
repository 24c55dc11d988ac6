CREATE TABLE "kb_term_docs" (
	"term" text PRIMARY KEY NOT NULL,
	"docs" integer NOT NULL
);
--> statement-breakpoint
-- kb_term_docs follows every write to kb_versions (review, supersession, retirement, bulk loads): statement
-- triggers with transition tables, one grouped upsert per statement, written in term order so two transactions
-- cannot take the counter rows' locks in opposite orders. The empty term counts the versions in use.
CREATE OR REPLACE FUNCTION kb_term_docs_add() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO kb_term_docs (term, docs)
    SELECT term, count(*)::int FROM (
      SELECT t.term FROM new_versions n, unnest(tsvector_to_array(n.search_vector)) AS t(term)
        WHERE n.state = 'in-use'
      UNION ALL
      SELECT '' FROM new_versions WHERE state = 'in-use'
    ) AS added
    GROUP BY term ORDER BY term
    ON CONFLICT (term) DO UPDATE SET docs = kb_term_docs.docs + excluded.docs;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO kb_term_docs (term, docs)
    SELECT term, -count(*)::int FROM (
      SELECT t.term FROM old_versions o, unnest(tsvector_to_array(o.search_vector)) AS t(term)
        WHERE o.state = 'in-use'
      UNION ALL
      SELECT '' FROM old_versions WHERE state = 'in-use'
    ) AS removed
    GROUP BY term ORDER BY term
    ON CONFLICT (term) DO UPDATE SET docs = kb_term_docs.docs + excluded.docs;
  ELSE
    -- An update that leaves the state and the text alone nets to nothing and writes nothing.
    INSERT INTO kb_term_docs (term, docs)
    SELECT term, sum(d)::int FROM (
      SELECT t.term, -1 AS d FROM old_versions o, unnest(tsvector_to_array(o.search_vector)) AS t(term)
        WHERE o.state = 'in-use'
      UNION ALL
      SELECT '', -1 FROM old_versions WHERE state = 'in-use'
      UNION ALL
      SELECT t.term, 1 FROM new_versions n, unnest(tsvector_to_array(n.search_vector)) AS t(term)
        WHERE n.state = 'in-use'
      UNION ALL
      SELECT '', 1 FROM new_versions WHERE state = 'in-use'
    ) AS moved
    GROUP BY term HAVING sum(d) <> 0 ORDER BY term
    ON CONFLICT (term) DO UPDATE SET docs = kb_term_docs.docs + excluded.docs;
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION kb_term_docs_clear() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM kb_term_docs;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER kb_term_docs_on_insert AFTER INSERT ON kb_versions REFERENCING NEW TABLE AS new_versions
  FOR EACH STATEMENT EXECUTE FUNCTION kb_term_docs_add();
--> statement-breakpoint
CREATE TRIGGER kb_term_docs_on_update AFTER UPDATE ON kb_versions
  REFERENCING OLD TABLE AS old_versions NEW TABLE AS new_versions
  FOR EACH STATEMENT EXECUTE FUNCTION kb_term_docs_add();
--> statement-breakpoint
CREATE TRIGGER kb_term_docs_on_delete AFTER DELETE ON kb_versions REFERENCING OLD TABLE AS old_versions
  FOR EACH STATEMENT EXECUTE FUNCTION kb_term_docs_add();
--> statement-breakpoint
CREATE TRIGGER kb_term_docs_on_truncate AFTER TRUNCATE ON kb_versions
  FOR EACH STATEMENT EXECUTE FUNCTION kb_term_docs_clear();
--> statement-breakpoint
-- The versions already in use when this arrives.
INSERT INTO kb_term_docs (term, docs)
SELECT term, count(*)::int FROM (
  SELECT t.term FROM kb_versions v, unnest(tsvector_to_array(v.search_vector)) AS t(term) WHERE v.state = 'in-use'
  UNION ALL
  SELECT '' FROM kb_versions WHERE state = 'in-use'
) AS present
GROUP BY term;
