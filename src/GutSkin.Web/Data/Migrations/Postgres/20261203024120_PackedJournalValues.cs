using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GutSkin.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class PackedJournalValues : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // "JournalValues" stays: DatabaseSetup.MigrateAsync then packs its rows into this column (ValueRowsMove, in
            // C#) and drops it.
            migrationBuilder.AddColumn<byte[]>(
                name: "PackedValues",
                table: "JournalDays",
                type: "bytea",
                nullable: false,
                defaultValue: new byte[0]);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // The packed values are not carried back: a rollback restores an empty "JournalValues".
            migrationBuilder.DropColumn(
                name: "PackedValues",
                table: "JournalDays");

            migrationBuilder.CreateTable(
                name: "JournalValues",
                columns: table => new
                {
                    DayId = table.Column<long>(type: "bigint", nullable: false),
                    ItemId = table.Column<int>(type: "integer", nullable: false),
                    Value = table.Column<double>(type: "double precision", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_JournalValues", x => new { x.DayId, x.ItemId });
                    table.ForeignKey(
                        name: "FK_JournalValues_Items_ItemId",
                        column: x => x.ItemId,
                        principalTable: "Items",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_JournalValues_JournalDays_DayId",
                        column: x => x.DayId,
                        principalTable: "JournalDays",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_JournalValues_ItemId",
                table: "JournalValues",
                column: "ItemId");
        }
    }
}
