-- Two years of journal for every member in the temporary table "batch" (user_id text, seed int), written
-- straight into the app's PostgreSQL tables as the app would store it (bench/volume/run.sh runs it). Realistic
-- shape: each member tracks about 90% of the 20 built-in items and logs each on about 95% of the days they open
-- the journal (about 17 values a day), skips about 10% of days and one three-week stretch (a holiday), writes a
-- note on about one day in eight, and three members in ten track one or two custom items of their own.
-- psql variable :days is how many days back from today.

INSERT INTO "Items" ("OwnerId", "Key", "Label", "Group", "Kind", "Min", "Max", "Unit", "Archived")
SELECT b.user_id, c.key, c.label, c.grp, c.kind, c.lo, c.hi, c.unit, false
FROM batch b
CROSS JOIN (VALUES
    ('coffee', 'Coffee', 'Habit', 'Servings', 0.0, 20.0, 'serving', 0),
    ('dairy', 'Dairy', 'Habit', 'Servings', 0.0, 20.0, 'serving', 1),
    ('scalp_flakes', 'Scalp flakes', 'Skin', 'Severity', 0.0, 10.0, 'point', 1)
) AS c(key, label, grp, kind, lo, hi, unit, pick)
WHERE b.seed % 10 < 3 AND (c.pick = 0 OR b.seed % 10 = 0);

INSERT INTO "JournalDays" ("UserId", "Date", "Note", "UpdatedAt", "Revision")
SELECT b.user_id,
       current_date - g,
       CASE WHEN random() < 0.125 THEN (ARRAY['Slept badly, stressful day at work.', 'Dinner out: pizza and a glass of wine.',
           'Skin calmer this morning.', 'New moisturiser started today.', 'Bloated after lunch.'])[1 + floor(random() * 5)::int] END,
       (current_date - g) + time '21:30',
       (random() * 9e15)::bigint
FROM batch b
CROSS JOIN generate_series(0, :days - 1) AS g
WHERE random() < 0.9
  AND NOT (g >= b.seed % (:days - 21) AND g < b.seed % (:days - 21) + 21);

INSERT INTO "JournalValues" ("DayId", "ItemId", "Value")
SELECT d."Id", i."Id",
       CASE i."Kind"
           WHEN 'Severity' THEN floor(random() * 11)
           WHEN 'Scale' THEN 1 + floor(random() * 7)
           WHEN 'YesNo' THEN CASE WHEN random() < 0.4 THEN 1 ELSE 0 END
           WHEN 'Servings' THEN floor(random() * 5)
           WHEN 'Litres' THEN round((0.5 + random() * 2.5)::numeric, 2)
           WHEN 'Hours' THEN round((4 + random() * 6)::numeric * 2) / 2
           ELSE floor(random() * 3)
       END
FROM batch b
JOIN "JournalDays" d ON d."UserId" = b.user_id
JOIN "Items" i ON (i."OwnerId" IS NULL AND (hashtext(b.user_id || i."Key") & 1023) < 922) OR i."OwnerId" = b.user_id
WHERE random() < 0.95;
