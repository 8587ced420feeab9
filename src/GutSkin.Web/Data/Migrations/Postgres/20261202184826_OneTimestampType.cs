using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GutSkin.Web.Data.Migrations.Postgres
{
    /// <summary>
    /// The last three DateTimeOffset columns become UTC DateTime like every other timestamp. On PostgreSQL both are
    /// timestamp with time zone, so only the model changes.
    /// </summary>
    public partial class OneTimestampType : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
        }
    }
}
