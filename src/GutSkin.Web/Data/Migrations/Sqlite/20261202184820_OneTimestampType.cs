using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GutSkin.Web.Data.Migrations.Sqlite
{
    /// <summary>
    /// The last three DateTimeOffset columns become UTC DateTime like every other timestamp. SQLite keeps both as text;
    /// only the text changes: "2026-12-02 18:48:20.1234567+00:00" loses its offset (every value the app wrote is UTC),
    /// and a value with another offset is converted to UTC by SQLite's date functions.
    /// </summary>
    public partial class OneTimestampType : Migration
    {
        private static readonly (string Table, string Column)[] Columns =
            [("JournalDays", "UpdatedAt"), ("Experiments", "CreatedAt"), ("AspNetUsers", "CreatedAt")];

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            foreach (var (table, column) in Columns)
            {
                migrationBuilder.Sql($"""UPDATE "{table}" SET "{column}" = substr("{column}", 1, length("{column}") - 6) WHERE "{column}" LIKE '%+00:00';""");
                migrationBuilder.Sql($"""UPDATE "{table}" SET "{column}" = strftime('%Y-%m-%d %H:%M:%f', "{column}") WHERE "{column}" GLOB '*[+-][0-9][0-9]:[0-9][0-9]';""");
            }
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var (table, column) in Columns)
            {
                migrationBuilder.Sql($"""UPDATE "{table}" SET "{column}" = "{column}" || '+00:00' WHERE "{column}" IS NOT NULL AND "{column}" NOT GLOB '*[+-][0-9][0-9]:[0-9][0-9]';""");
            }
        }
    }
}
