-- case_queue_counts follows every write to cases, whatever makes it (intake, steps, claims, deemed acceptance,
-- bulk loads): statement triggers with transition tables, so a bulk insert of 100,000 cases adds its counts in
-- one grouped statement rather than 100,000 single-row ones. Counter rows are written in key order, so two
-- transactions moving cases in opposite directions take their row locks in the same order and cannot deadlock.
CREATE OR REPLACE FUNCTION case_queue_counts_add() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO case_queue_counts (unit_code, state, claimed_by, n)
    SELECT unit_code, state, coalesce(claimed_by, ''), count(*) FROM new_cases WHERE NOT closed
    GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
    ON CONFLICT (unit_code, state, claimed_by) DO UPDATE SET n = case_queue_counts.n + excluded.n;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO case_queue_counts (unit_code, state, claimed_by, n)
    SELECT unit_code, state, coalesce(claimed_by, ''), -count(*) FROM old_cases WHERE NOT closed
    GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
    ON CONFLICT (unit_code, state, claimed_by) DO UPDATE SET n = case_queue_counts.n + excluded.n;
  ELSE
    -- An update that leaves unit, state, holder and closing alone nets to nothing and writes nothing.
    INSERT INTO case_queue_counts (unit_code, state, claimed_by, n)
    SELECT unit_code, state, claimed_by, sum(d)::int FROM (
      SELECT unit_code, state, coalesce(claimed_by, '') AS claimed_by, -1 AS d FROM old_cases WHERE NOT closed
      UNION ALL
      SELECT unit_code, state, coalesce(claimed_by, ''), 1 FROM new_cases WHERE NOT closed
    ) AS moved
    GROUP BY 1, 2, 3 HAVING sum(d) <> 0 ORDER BY 1, 2, 3
    ON CONFLICT (unit_code, state, claimed_by) DO UPDATE SET n = case_queue_counts.n + excluded.n;
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION case_queue_counts_clear() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM case_queue_counts;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER case_queue_counts_on_insert AFTER INSERT ON cases REFERENCING NEW TABLE AS new_cases
  FOR EACH STATEMENT EXECUTE FUNCTION case_queue_counts_add();
--> statement-breakpoint
CREATE TRIGGER case_queue_counts_on_update AFTER UPDATE ON cases REFERENCING OLD TABLE AS old_cases NEW TABLE AS new_cases
  FOR EACH STATEMENT EXECUTE FUNCTION case_queue_counts_add();
--> statement-breakpoint
CREATE TRIGGER case_queue_counts_on_delete AFTER DELETE ON cases REFERENCING OLD TABLE AS old_cases
  FOR EACH STATEMENT EXECUTE FUNCTION case_queue_counts_add();
--> statement-breakpoint
CREATE TRIGGER case_queue_counts_on_truncate AFTER TRUNCATE ON cases
  FOR EACH STATEMENT EXECUTE FUNCTION case_queue_counts_clear();
--> statement-breakpoint
-- The cases already open when this arrives.
INSERT INTO case_queue_counts (unit_code, state, claimed_by, n)
SELECT unit_code, state, coalesce(claimed_by, ''), count(*) FROM cases WHERE NOT closed GROUP BY 1, 2, 3;
