CREATE TABLE "published_answer_terms" (
	"term" text PRIMARY KEY NOT NULL,
	"docs" integer NOT NULL
);
--> statement-breakpoint
-- published_answer_terms follows every write to published_answers (a publication or a newer version arriving, a
-- withdrawal, an upsert from the inbox firing both its insert and its update triggers): statement triggers with
-- transition tables, one grouped upsert per statement, written in term order so two transactions cannot take
-- the counter rows' locks in opposite orders. Only live answers (not withdrawn) count; the empty term counts them.
CREATE OR REPLACE FUNCTION published_answer_terms_add() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO published_answer_terms (term, docs)
    SELECT term, count(*)::int FROM (
      SELECT t.term FROM new_answers n, unnest(tsvector_to_array(n.search_vector)) AS t(term)
        WHERE n.withdrawn_at IS NULL
      UNION ALL
      SELECT '' FROM new_answers WHERE withdrawn_at IS NULL
    ) AS added
    GROUP BY term ORDER BY term
    ON CONFLICT (term) DO UPDATE SET docs = published_answer_terms.docs + excluded.docs;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO published_answer_terms (term, docs)
    SELECT term, -count(*)::int FROM (
      SELECT t.term FROM old_answers o, unnest(tsvector_to_array(o.search_vector)) AS t(term)
        WHERE o.withdrawn_at IS NULL
      UNION ALL
      SELECT '' FROM old_answers WHERE withdrawn_at IS NULL
    ) AS removed
    GROUP BY term ORDER BY term
    ON CONFLICT (term) DO UPDATE SET docs = published_answer_terms.docs + excluded.docs;
  ELSE
    -- An update that leaves the text and the withdrawal alone nets to nothing and writes nothing.
    INSERT INTO published_answer_terms (term, docs)
    SELECT term, sum(d)::int FROM (
      SELECT t.term, -1 AS d FROM old_answers o, unnest(tsvector_to_array(o.search_vector)) AS t(term)
        WHERE o.withdrawn_at IS NULL
      UNION ALL
      SELECT '', -1 FROM old_answers WHERE withdrawn_at IS NULL
      UNION ALL
      SELECT t.term, 1 FROM new_answers n, unnest(tsvector_to_array(n.search_vector)) AS t(term)
        WHERE n.withdrawn_at IS NULL
      UNION ALL
      SELECT '', 1 FROM new_answers WHERE withdrawn_at IS NULL
    ) AS moved
    GROUP BY term HAVING sum(d) <> 0 ORDER BY term
    ON CONFLICT (term) DO UPDATE SET docs = published_answer_terms.docs + excluded.docs;
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION published_answer_terms_clear() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM published_answer_terms;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER published_answer_terms_on_insert AFTER INSERT ON published_answers
  REFERENCING NEW TABLE AS new_answers
  FOR EACH STATEMENT EXECUTE FUNCTION published_answer_terms_add();
--> statement-breakpoint
CREATE TRIGGER published_answer_terms_on_update AFTER UPDATE ON published_answers
  REFERENCING OLD TABLE AS old_answers NEW TABLE AS new_answers
  FOR EACH STATEMENT EXECUTE FUNCTION published_answer_terms_add();
--> statement-breakpoint
CREATE TRIGGER published_answer_terms_on_delete AFTER DELETE ON published_answers
  REFERENCING OLD TABLE AS old_answers
  FOR EACH STATEMENT EXECUTE FUNCTION published_answer_terms_add();
--> statement-breakpoint
CREATE TRIGGER published_answer_terms_on_truncate AFTER TRUNCATE ON published_answers
  FOR EACH STATEMENT EXECUTE FUNCTION published_answer_terms_clear();
--> statement-breakpoint
-- The answers already live when this arrives.
INSERT INTO published_answer_terms (term, docs)
SELECT term, count(*)::int FROM (
  SELECT t.term FROM published_answers a, unnest(tsvector_to_array(a.search_vector)) AS t(term)
    WHERE a.withdrawn_at IS NULL
  UNION ALL
  SELECT '' FROM published_answers WHERE withdrawn_at IS NULL
) AS present
GROUP BY term;
