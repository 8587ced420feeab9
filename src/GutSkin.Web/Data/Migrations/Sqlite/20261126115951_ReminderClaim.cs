using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GutSkin.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ReminderClaim : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "ReminderClaimedUntil",
                table: "Plans",
                type: "TEXT",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ReminderClaimedUntil",
                table: "Plans");
        }
    }
}
