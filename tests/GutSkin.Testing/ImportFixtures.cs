using System.Globalization;
using System.Text;

namespace GutSkin.Testing;

/// <summary>
/// An export of another app written for the tests, and what its import must put in the journal: for each day
/// (<c>YYYY-MM-DD</c>) each item key's value, worked out here from the formats' stated rules (symptoms 0–4 × 2.5 and
/// the day's highest, rounded halves up; counts added up; yes/no any yes; a scale's mean), not by the importer, and
/// each day's note (the notes of the day in the order of the file, one a line).
/// </summary>
public sealed record ImportFixture(string Text, SortedDictionary<string, Dictionary<string, double>> Expected)
{
    public int Values => Expected.Values.Sum(d => d.Count);

    public SortedDictionary<string, string> Notes { get; init; } = new(StringComparer.Ordinal);
}

/// <summary>Fixture exports with the quirks of real ones: quoted fields, several rows a day, empty values, BOM, CRLF, day-first dates.</summary>
public static class ImportFixtures
{
    public static readonly DateOnly Start = new(2026, 1, 5);

    private static readonly string[] TimesOfDay = ["am", "mid", "pm"];

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static double Severity(double zeroToFour) => Math.Round(zeroToFour * 2.5, MidpointRounding.AwayFromZero);

    private sealed class Expect
    {
        public SortedDictionary<string, Dictionary<string, double>> Days { get; } = new(StringComparer.Ordinal);

        public SortedDictionary<string, string> Notes { get; } = new(StringComparer.Ordinal);

        public void Note(DateOnly day, string note) =>
            Notes[Iso(day)] = Notes.TryGetValue(Iso(day), out var before) ? $"{before}\n{note}" : note;

        public void Set(DateOnly day, string key, double value)
        {
            if (!Days.TryGetValue(Iso(day), out var values))
            {
                Days[Iso(day)] = values = new Dictionary<string, double>(StringComparer.Ordinal);
            }

            values[key] = value;
        }
    }

    /// <summary>
    /// A Flaredown export (CRLF, demographic columns filled in): Acne (→ breakouts), Bloating twice on even days (the
    /// day's highest), Rosacea as a condition (→ redness), Probiotic as a treatment every other day, "stressed" as a tag
    /// (a new yes/no item), Sugar as a food twice on days divisible by 3 (→ sugary_foods, counted), "Dry, flaky skin"
    /// (quoted; a new skin severity), Headache with an empty value on odd days, and weather (skipped).
    /// </summary>
    public static ImportFixture Flaredown(int days)
    {
        var text = new StringBuilder("user_id,age,sex,country,checkin_date,trackable_id,trackable_type,trackable_name,trackable_value\r\n");
        var expect = new Expect();
        for (var i = 0; i < days; i++)
        {
            var day = Start.AddDays(i);
            void Row(string type, string name, string value) =>
                text.Append(CultureInfo.InvariantCulture, $"QEVuQwEA+WkNxtp/qkHvN2YmTBBDqg==,34,female,CA,{Iso(day)},{name.Length},{type},{Quote(name)},{value}\r\n");
            Row("Symptom", "Acne", $"{i % 5}");
            expect.Set(day, "breakouts", Severity(i % 5));
            Row("Symptom", "Bloating", $"{i % 3}");
            if (i % 2 == 0)
            {
                Row("Symptom", "Bloating", $"{(i + 1) % 5}");
            }

            expect.Set(day, "bloating", Severity(Math.Max(i % 3, i % 2 == 0 ? (i + 1) % 5 : 0)));
            Row("Condition", "Rosacea", $"{(i + 2) % 4}");
            expect.Set(day, "redness", Severity((i + 2) % 4));
            if (i % 2 == 1)
            {
                Row("Treatment", "Probiotic", "1 capsule");
                expect.Set(day, "probiotic_supplement", 1);
            }

            Row("Tag", "stressed", "");
            expect.Set(day, "stressed", 1);
            if (i % 3 == 0)
            {
                Row("Food", "Sugar", "");
                Row("Food", "Sugar", "");
                expect.Set(day, "sugary_foods", 2);
            }

            Row("Symptom", "Dry, flaky skin", "3");
            expect.Set(day, "dry_flaky_skin", Severity(3));
            Row("Symptom", "Headache", i % 2 == 1 ? "" : "1");
            if (i % 2 == 0)
            {
                expect.Set(day, "headache", Severity(1));
            }

            Row("Weather", "icon", "rain");
            Row("Weather", "temperature_max", "69.0");
        }

        return new ImportFixture(text.ToString(), expect.Days);
    }

    /// <summary>
    /// A Bearable export: Mood twice a day (a new 1–10 scale, the mean), Energy, Acne symptoms at three times of day
    /// (the highest, × 2.5), Stomach pain (a new gut severity), Sleep as h:mm, Water as 1.25L, Factors (Probiotic, Sugar,
    /// Home), a Food Diary text with quotes and a line break (skipped), Zinc as a supplement (a new treatment); a note in
    /// the notes column of the first Mood row every day, and of the Energy row every fifth day (the day's notes joined).
    /// <paramref name="extraSymptoms"/> more symptom rows a day make the export as large as a benchmark wants.
    /// </summary>
    public static ImportFixture Bearable(int days, int extraSymptoms = 0, DateOnly? start = null)
    {
        var text = new StringBuilder("date,date formatted,weekday,time of day,category,rating/amount,detail,notes\n");
        var expect = new Expect();
        string[] levels = ["None", "Mild", "Moderate", "Severe", "Unbearable"];
        for (var i = 0; i < days; i++)
        {
            var day = (start ?? Start).AddDays(i);
            var written = $"{day.Day}{Suffix(day.Day)} {day.ToString("MMM yyyy", CultureInfo.InvariantCulture)}";
            void Row(string time, string category, string amount, string detail, string notes = "") =>
                text.Append(CultureInfo.InvariantCulture, $"\"{written}\",\"{Iso(day)}\",\"{day.DayOfWeek}\",\"{time}\",\"{category}\",\"{amount}\",{Quote(detail, always: true)},{Quote(notes, always: true)}\n");
            var (mood1, mood2) = (3 + (i % 7), 4 + (i % 4));
            Row("09:12", "Mood", $"{mood1}", "Okay | Tired", "Slept \"well\", I think");
            expect.Note(day, "Slept \"well\", I think");
            Row("21:40", "Mood", $"{mood2}", "Good");
            expect.Set(day, "mood", Math.Round((mood1 + mood2) / 2.0, MidpointRounding.AwayFromZero));
            Row("12:00", "Energy", $"{1 + (i % 5)}", "", i % 5 == 0 ? $"Tired after lunch, day {i}" : "");
            if (i % 5 == 0)
            {
                expect.Note(day, $"Tired after lunch, day {i}");
            }

            expect.Set(day, "energy", 1 + (i % 5));
            var acne = new[] { i % 4, (i + 1) % 5, 1 };
            foreach (var (time, level) in TimesOfDay.Zip(acne))
            {
                Row(time, "Symptom", $"{level}", $"Acne ({levels[level]})");
            }

            expect.Set(day, "breakouts", Severity(acne.Max()));
            Row("pm", "Symptom", $"{i % 3}", $"Stomach pain ({levels[i % 3]})");
            expect.Set(day, "stomach_pain", Severity(i % 3));
            for (var s = 0; s < extraSymptoms; s++)
            {
                Row("am", "Symptom", $"{(i + s) % 5}", $"Symptom {s} ({levels[(i + s) % 5]})");
                expect.Set(day, $"symptom_{s}", Severity((i + s) % 5));
            }

            Row("", "Sleep", $"{6 + (i % 3)}:{(i % 2) * 30:00}", "In bed 23:00 - 07:00");
            expect.Set(day, "sleep", 6 + (i % 3) + ((i % 2) * 0.5));
            Row("", "Water", "1.25L", "");
            expect.Set(day, "water", 1.25);
            Row("all day", "Factors", "", i % 2 == 0 ? "Home | Probiotic | Sugar" : "Home");
            expect.Set(day, "home", 1);
            if (i % 2 == 0)
            {
                expect.Set(day, "probiotic_supplement", 1);
                expect.Set(day, "sugary_foods", 1);
            }

            Row("pm", "Food Diary", "", "Meals: Pasta, \"homemade\"\nSnacks: Chips");
            Row("21:38", "Meds/Supplements", "1", "Zinc (mg)");
            expect.Set(day, "zinc", 1);
        }

        return new ImportFixture(text.ToString(), expect.Days) { Notes = expect.Notes };
    }

    /// <summary>
    /// A Daylio export (BOM, newest first as the app writes it): one or two entries a day with rad…awful moods (a new
    /// 1–5 scale, the mean) and activities (probiotic, sugar counted, "bad sleep" a new yes/no), notes with quotes and a
    /// line break on the first entry, a note title alone on the second entry of every third day (the file has it first:
    /// the day's note is the title, then the first entry's note), and a title with a note every seventh day.
    /// </summary>
    public static ImportFixture Daylio(int days)
    {
        var lines = new List<string>();
        var expect = new Expect();
        string[] moods = ["awful", "bad", "meh", "good", "rad"];
        for (var i = 0; i < days; i++)
        {
            var day = Start.AddDays(i);
            var entries = i % 3 == 0 ? 2 : 1;
            var levels = new List<int>();
            var sugar = 0;
            var notes = new List<string>();
            for (var e = 0; e < entries; e++)
            {
                var (title, note) = e == 0 ? (i % 7 == 0 ? $"Week {i / 7}" : "", "A \"good\" day,\nmostly") : ("Evening", "");
                notes.Add(string.Join("\n", new[] { title, note }.Where(t => t.Length > 0)));
                var level = 1 + ((i + e) % 5);
                levels.Add(level);
                var activities = new List<string> { "probiotic" };
                if ((i + e) % 2 == 0)
                {
                    activities.Add("sugar");
                    sugar++;
                }

                if (i % 4 == 0)
                {
                    activities.Add("bad sleep");
                }

                lines.Add($"{Iso(day)},{day.Day} {day.ToString("MMMM", CultureInfo.InvariantCulture)},{day.DayOfWeek},{(e == 0 ? "8:00 am" : "10:30 pm")},{moods[level - 1]},{Quote(string.Join(" | ", activities), always: true)},{Quote(title, always: true)},{Quote(note, always: true)}");
            }

            // Newest first in the file: the day's later entry comes first.
            notes.Reverse();
            expect.Notes[Iso(day)] = string.Join("\n", notes);
            expect.Set(day, "mood", Math.Round(levels.Average(), MidpointRounding.AwayFromZero));
            expect.Set(day, "probiotic_supplement", 1);
            if (sugar > 0)
            {
                expect.Set(day, "sugary_foods", sugar);
            }

            if (i % 4 == 0)
            {
                expect.Set(day, "bad_sleep", 1);
            }
        }

        lines.Reverse();
        return new ImportFixture("\uFEFFfull_date,date,weekday,time,mood,activities,note_title,note\r\n" + string.Join("\r\n", lines) + "\r\n", expect.Days) { Notes = expect.Notes };
    }

    /// <summary>
    /// A wide spreadsheet as a European Excel saves it: semicolons, day-first dates (the 13th onwards tells the order),
    /// decimal commas; Redness, Water (litres), Probiotic (yes/no, some empty), a Notes column of text (one a formula,
    /// which stays text), the day's note.
    /// </summary>
    public static ImportFixture Wide(int days)
    {
        var text = new StringBuilder("Date;Redness;Water;Probiotic;Notes\r\n");
        var expect = new Expect();
        for (var i = 0; i < days; i++)
        {
            var day = Start.AddDays(i);
            var water = 1 + ((i % 4) * 0.25);
            var probiotic = (i % 3) switch { 0 => "yes", 1 => "no", _ => "" };
            var note = i == 0 ? "=HYPERLINK(\"http://example.test\")" : $"day {i}; fine";
            expect.Note(day, note);
            text.Append(CultureInfo.InvariantCulture, $"{day:dd/MM/yyyy};{i % 11};{water.ToString(CultureInfo.InvariantCulture).Replace('.', ',')};{probiotic};{Quote(note, always: true)}\r\n");
            expect.Set(day, "redness", i % 11);
            expect.Set(day, "water", water);
            if (probiotic.Length > 0)
            {
                expect.Set(day, "probiotic_supplement", probiotic == "yes" ? 1 : 0);
            }
        }

        return new ImportFixture(text.ToString(), expect.Days) { Notes = expect.Notes };
    }

    private static string Suffix(int day) => day is 1 or 21 or 31 ? "st" : day is 2 or 22 ? "nd" : day is 3 or 23 ? "rd" : "th";

    private static string Quote(string field, bool always = false) =>
        always || field.IndexOfAny([',', '"', '\n', ';']) >= 0 ? $"\"{field.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : field;
}
