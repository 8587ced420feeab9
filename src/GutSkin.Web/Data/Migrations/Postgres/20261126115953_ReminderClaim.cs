using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GutSkin.Web.Data.Migrations.Postgres
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
                type: "timestamp with time zone",
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
