-- Chinese full-text search for the service catalogue (src/portal/catalog/catalog.search.ts is the query side).
-- zhparser, pg_bigm and PGroonga exist neither in PGlite nor in Debian's PostgreSQL, so text is cut into
-- lower-case Latin/digit words and, for every run of CJK ideographs, its single characters and overlapping
-- pairs ("身份证" -> 身 份 证 身份 份证). Positions are kept so ts_rank counts repeats and weights survive.
-- IMMUTABLE and schema-qualified, as stored values and indexes computed from them require.
CREATE OR REPLACE FUNCTION public.zh_tsv(input text) RETURNS tsvector
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT coalesce(string_agg('''' || tok || ''':' || least(pos, 16383), ' ')::tsvector, ''::tsvector)
  FROM (
    SELECT tok, row_number() OVER (ORDER BY o, i, n) AS pos FROM (
      SELECT m.o, 0 AS i, 0 AS n, m.t[1] AS tok
        FROM regexp_matches(lower(input), '[a-z0-9]+|[\u3400-\u9fff\uf900-\ufaff]+', 'g') WITH ORDINALITY AS m(t, o)
        WHERE m.t[1] ~ '^[a-z0-9]'
      UNION ALL
      SELECT m.o, i, n, substr(m.t[1], i, n)
        FROM regexp_matches(lower(input), '[a-z0-9]+|[\u3400-\u9fff\uf900-\ufaff]+', 'g') WITH ORDINALITY AS m(t, o),
          generate_series(1, char_length(m.t[1])) AS i,
          (VALUES (1), (2)) AS v(n)
        WHERE m.t[1] !~ '^[a-z0-9]' AND i + n - 1 <= char_length(m.t[1])
    ) s
  ) t
$$;
--> statement-breakpoint
-- published_items.search_text holds three sections separated by U+001F: names and keywords (weight A),
-- summary (B), materials, FAQ and result (C). A match in the name outranks one in an FAQ answer.
CREATE OR REPLACE FUNCTION public.zh_search_tsv(search_text text) RETURNS tsvector
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT setweight(public.zh_tsv(split_part(search_text, E'\x1f', 1)), 'A')
      || setweight(public.zh_tsv(split_part(search_text, E'\x1f', 2)), 'B')
      || setweight(public.zh_tsv(split_part(search_text, E'\x1f', 3)), 'C')
$$;
--> statement-breakpoint
-- Rows written before these functions existed (none in practice) get their vector now.
UPDATE published_items SET search_vector = public.zh_search_tsv(search_text) WHERE search_text <> '';
