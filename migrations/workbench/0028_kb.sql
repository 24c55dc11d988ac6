CREATE TABLE "kb_entries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"unit_code" text NOT NULL,
	"unit_path" text NOT NULL,
	"current_version" integer,
	"latest_version" integer NOT NULL,
	"helped_count" integer DEFAULT 0 NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "kb_versions" (
	"entry_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"question" text NOT NULL,
	"answer" text NOT NULL,
	"keywords" text[] NOT NULL,
	"area" text NOT NULL,
	"public" boolean NOT NULL,
	"state" text NOT NULL,
	"workflow_id" text NOT NULL,
	"workflow_version" integer NOT NULL,
	"author_badge" text NOT NULL,
	"submitted_by" text,
	"reviewed_by" text,
	"review_comment" text,
	"search_text" text NOT NULL,
	"search_vector" "tsvector" NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "kb_versions_entry_id_version_pk" PRIMARY KEY("entry_id","version")
);
--> statement-breakpoint
CREATE TABLE "qa_publications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"letter_number" text NOT NULL,
	"unit_code" text,
	"unit_path" text NOT NULL,
	"topic" text NOT NULL,
	"question" text NOT NULL,
	"answer" text NOT NULL,
	"published_by" text NOT NULL,
	"published_at" timestamp with time zone NOT NULL,
	"withdrawn_at" timestamp with time zone,
	CONSTRAINT "qa_publications_letter_number_unique" UNIQUE("letter_number")
);
--> statement-breakpoint
ALTER TABLE "kb_versions" ADD CONSTRAINT "kb_versions_entry_id_kb_entries_id_fk" FOREIGN KEY ("entry_id") REFERENCES "public"."kb_entries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "kb_entries_unit_idx" ON "kb_entries" USING btree ("unit_path");--> statement-breakpoint
CREATE INDEX "kb_versions_search_idx" ON "kb_versions" USING gin ("search_vector") WHERE "kb_versions"."state" = 'in-use';--> statement-breakpoint
CREATE INDEX "kb_versions_state_idx" ON "kb_versions" USING btree ("state","updated_at");--> statement-breakpoint
CREATE INDEX "qa_publications_unit_idx" ON "qa_publications" USING btree ("unit_path","published_at");
--> statement-breakpoint
-- Chinese full-text search for the reply knowledge base (src/shared/search/zh-query.ts is the query side), the
-- same functions as the portal's catalogue search (portal migration catalog-search), in this zone's database.
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
