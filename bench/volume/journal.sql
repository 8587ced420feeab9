-- Two years of journal for every member in the temporary table "batch" (user_id text, seed int), written
-- straight into the app's PostgreSQL tables as the app would store it (bench/volume/run.sh runs it). Realistic
-- shape: each member tracks about 90% of the 20 built-in items and logs each on about 95% of the days they open
-- the journal (about 17 values a day), skips about 10% of days and one three-week stretch (a holiday), writes a
-- note on about one day in eight, and three members in ten track one or two custom items of their own.
-- A day's values are packed into its row as the app packs them (ValuePacking.cs: per value, the distance from the
-- previous item id and zigzag(k) << 2 | d for the decimal k / 10^d, both LEB128 varints). The table
-- bench_volume_values counts the values written. psql variable :days is how many days back from today.

SET client_min_messages = warning;
CREATE TABLE IF NOT EXISTS bench_volume_values (n bigint NOT NULL);
-- Rows go in as a restore would: the foreign keys' triggers stay off (every user id comes from the batch).
SET session_replication_role = replica;

-- LEB128: one or two bytes inline (every value and nearly every id distance), longer ones by a loop.
CREATE OR REPLACE FUNCTION pg_temp.varint_long(n bigint) RETURNS bytea LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE r bytea := '\x';
BEGIN
  WHILE n >= 128 LOOP
    r := r || set_byte('\x00'::bytea, 0, ((n & 127) | 128)::int);
    n := n >> 7;
  END LOOP;
  RETURN r || set_byte('\x00'::bytea, 0, n::int);
END $$;
CREATE OR REPLACE FUNCTION pg_temp.varint(n bigint) RETURNS bytea LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN n < 128 THEN set_byte('\x00'::bytea, 0, n::int)
              WHEN n < 16384 THEN set_byte(set_byte('\x0000'::bytea, 0, ((n & 127) | 128)::int), 1, (n >> 7)::int)
              ELSE pg_temp.varint_long(n) END $$;
-- A value with at most two decimals: zigzag(k) << 2 | d. One expression, so PostgreSQL inlines it.
CREATE OR REPLACE FUNCTION pg_temp.zigzag(k bigint) RETURNS bigint LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN k >= 0 THEN 2 * k ELSE -2 * k - 1 END $$;
CREATE OR REPLACE FUNCTION pg_temp.head(v numeric) RETURNS bigint LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN v = trunc(v) THEN pg_temp.zigzag(v::bigint) * 4
              WHEN v * 10 = trunc(v * 10) THEN pg_temp.zigzag((v * 10)::bigint) * 4 + 1
              ELSE pg_temp.zigzag((v * 100)::bigint) * 4 + 2 END $$;

INSERT INTO "Items" ("OwnerId", "Key", "Label", "Group", "Kind", "Min", "Max", "Unit", "Archived")
SELECT b.user_id, c.key, c.label, c.grp, c.kind, c.lo, c.hi, c.unit, false
FROM batch b
CROSS JOIN (VALUES
    ('coffee', 'Coffee', 'Habit', 'Servings', 0.0, 20.0, 'serving', 0),
    ('dairy', 'Dairy', 'Habit', 'Servings', 0.0, 20.0, 'serving', 1),
    ('scalp_flakes', 'Scalp flakes', 'Skin', 'Severity', 0.0, 10.0, 'point', 1)
) AS c(key, label, grp, kind, lo, hi, unit, pick)
WHERE b.seed % 10 < 3 AND (c.pick = 0 OR b.seed % 10 = 0);

-- What each member tracks.
CREATE TEMP TABLE member_items AS
SELECT b.user_id, i."Id" AS item_id, i."Kind" AS kind
FROM batch b
JOIN "Items" i ON (i."OwnerId" IS NULL AND (hashtext(b.user_id || i."Key") & 1023) < 922) OR i."OwnerId" = b.user_id;
CREATE INDEX ON member_items (user_id, item_id);
ANALYZE member_items;

-- The days, each with its values packed.
CREATE TEMP TABLE generated AS
SELECT b.user_id, current_date - g AS date,
       CASE WHEN random() < 0.125 THEN (ARRAY['Slept badly, stressful day at work.', 'Dinner out: pizza and a glass of wine.',
           'Skin calmer this morning.', 'New moisturiser started today.', 'Bloated after lunch.'])[1 + floor(random() * 5)::int] END AS note,
       (current_date - g) + time '21:30' AS updated,
       (random() * 9e15)::bigint AS revision
FROM batch b
CROSS JOIN generate_series(0, :days - 1) AS g
WHERE random() < 0.9
  AND NOT (g >= b.seed % (:days - 21) AND g < b.seed % (:days - 21) + 21);

CREATE TEMP TABLE packed AS
SELECT d.user_id, d.date, d.note, d.updated, d.revision, coalesce(v.packed, '\x'::bytea) AS packed, coalesce(v.n, 0) AS n
FROM generated d
LEFT JOIN LATERAL (
  SELECT string_agg(pg_temp.varint(x.item_id - x.prev) || pg_temp.varint(pg_temp.head(x.value)), ''::bytea ORDER BY x.item_id) AS packed,
         count(*) AS n
  FROM (
    SELECT m.item_id, lag(m.item_id, 1, 0) OVER (ORDER BY m.item_id) AS prev,
           CASE m.kind
               WHEN 'Severity' THEN floor(random() * 11)::numeric
               WHEN 'Scale' THEN 1 + floor(random() * 7)::numeric
               WHEN 'YesNo' THEN CASE WHEN random() < 0.4 THEN 1 ELSE 0 END
               WHEN 'Servings' THEN floor(random() * 5)::numeric
               WHEN 'Litres' THEN round((0.5 + random() * 2.5)::numeric, 2)
               WHEN 'Hours' THEN round((4 + random() * 6)::numeric * 2) / 2
               ELSE floor(random() * 3)::numeric
           END AS value
    FROM member_items m
    WHERE m.user_id = d.user_id AND random() < 0.95
  ) AS x
) AS v ON true;

INSERT INTO "JournalDays" ("UserId", "Date", "Note", "UpdatedAt", "Revision", "PackedValues")
SELECT user_id, date, note, updated, revision, packed FROM packed;
INSERT INTO bench_volume_values SELECT coalesce(sum(n), 0) FROM packed;
DROP TABLE member_items, generated, packed;
