using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Docket.Web.Infrastructure.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CounterEntry : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "AttachedAt",
                table: "filings",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "EnteredAtCourtId",
                table: "filings",
                type: "TEXT",
                maxLength: 12,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "EnteredById",
                table: "filings",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "EnteredByName",
                table: "filings",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "CounterLitigant",
                table: "AspNetUsers",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "claim_codes",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    FilingId = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    CodeHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    IssuedById = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    IssuedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ExpiresAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UsedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    UsedById = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    VoidedAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_claim_codes", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "filing_originals",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Carrier = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    TrackingNumber = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    PostedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    RecordedById = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    RecordedByName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    RecordedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    FilingId = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_filing_originals", x => x.Id);
                    table.ForeignKey(
                        name: "FK_filing_originals_filings_FilingId",
                        column: x => x.FilingId,
                        principalTable: "filings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_filings_EnteredAtCourtId_CreatedAt",
                table: "filings",
                columns: new[] { "EnteredAtCourtId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_claim_codes_CodeHash",
                table: "claim_codes",
                column: "CodeHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_claim_codes_FilingId",
                table: "claim_codes",
                column: "FilingId");

            migrationBuilder.CreateIndex(
                name: "IX_filing_originals_FilingId",
                table: "filing_originals",
                column: "FilingId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "claim_codes");

            migrationBuilder.DropTable(
                name: "filing_originals");

            migrationBuilder.DropIndex(
                name: "IX_filings_EnteredAtCourtId_CreatedAt",
                table: "filings");

            migrationBuilder.DropColumn(
                name: "AttachedAt",
                table: "filings");

            migrationBuilder.DropColumn(
                name: "EnteredAtCourtId",
                table: "filings");

            migrationBuilder.DropColumn(
                name: "EnteredById",
                table: "filings");

            migrationBuilder.DropColumn(
                name: "EnteredByName",
                table: "filings");

            migrationBuilder.DropColumn(
                name: "CounterLitigant",
                table: "AspNetUsers");
        }
    }
}
