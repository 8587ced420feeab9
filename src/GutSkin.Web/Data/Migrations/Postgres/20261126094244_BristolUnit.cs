using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GutSkin.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class BristolUnit : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.UpdateData(
                table: "Items",
                keyColumn: "Id",
                keyValue: 10,
                column: "Unit",
                value: "point");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.UpdateData(
                table: "Items",
                keyColumn: "Id",
                keyValue: 10,
                column: "Unit",
                value: "type");
        }
    }
}
