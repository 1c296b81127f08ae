using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Docket.Web.Infrastructure.Data.Migrations.Sqlite
{
    /// <summary>Electronic service (served/read times, SMS and e-mail channels, service-address history) and the fee
    /// payment and judicial-aid columns, which were added in the same session.</summary>
    public partial class ElectronicService : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "EmailSentAt",
                table: "notifications",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "SmsSentAt",
                table: "notifications",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "ReadAt",
                table: "notices",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "ServedAt",
                table: "notices",
                type: "TEXT",
                nullable: false,
                defaultValue: new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified));

            migrationBuilder.AddColumn<long>(
                name: "FeeFullAmountFen",
                table: "filings",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "FeePaidAt",
                table: "filings",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "FeePaymentReference",
                table: "filings",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "FeeVoucherDocumentId",
                table: "filings",
                type: "TEXT",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "FeeVoucherRejectedReasons",
                table: "filings",
                type: "TEXT",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "FeeVoucherUploadedAt",
                table: "filings",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "JudicialAidAppliedAt",
                table: "filings",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "JudicialAidDecidedAt",
                table: "filings",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "JudicialAidDecisionReasons",
                table: "filings",
                type: "TEXT",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "JudicialAidGranted",
                table: "filings",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "JudicialAidKind",
                table: "filings",
                type: "TEXT",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "JudicialAidReasons",
                table: "filings",
                type: "TEXT",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "service_address_history",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    UserId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ElectronicConsent = table.Column<bool>(type: "INTEGER", nullable: false),
                    Phone = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    Email = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    PostalAddress = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    ConfirmedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_service_address_history", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_filings_CourtId_FeeStatus_FeeDueDate",
                table: "filings",
                columns: new[] { "CourtId", "FeeStatus", "FeeDueDate" });

            migrationBuilder.CreateIndex(
                name: "IX_service_address_history_UserId_ConfirmedAt",
                table: "service_address_history",
                columns: new[] { "UserId", "ConfirmedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "service_address_history");

            migrationBuilder.DropIndex(
                name: "IX_filings_CourtId_FeeStatus_FeeDueDate",
                table: "filings");

            migrationBuilder.DropColumn(
                name: "EmailSentAt",
                table: "notifications");

            migrationBuilder.DropColumn(
                name: "SmsSentAt",
                table: "notifications");

            migrationBuilder.DropColumn(
                name: "ReadAt",
                table: "notices");

            migrationBuilder.DropColumn(
                name: "ServedAt",
                table: "notices");

            migrationBuilder.DropColumn(
                name: "FeeFullAmountFen",
                table: "filings");

            migrationBuilder.DropColumn(
                name: "FeePaidAt",
                table: "filings");

            migrationBuilder.DropColumn(
                name: "FeePaymentReference",
                table: "filings");

            migrationBuilder.DropColumn(
                name: "FeeVoucherDocumentId",
                table: "filings");

            migrationBuilder.DropColumn(
                name: "FeeVoucherRejectedReasons",
                table: "filings");

            migrationBuilder.DropColumn(
                name: "FeeVoucherUploadedAt",
                table: "filings");

            migrationBuilder.DropColumn(
                name: "JudicialAidAppliedAt",
                table: "filings");

            migrationBuilder.DropColumn(
                name: "JudicialAidDecidedAt",
                table: "filings");

            migrationBuilder.DropColumn(
                name: "JudicialAidDecisionReasons",
                table: "filings");

            migrationBuilder.DropColumn(
                name: "JudicialAidGranted",
                table: "filings");

            migrationBuilder.DropColumn(
                name: "JudicialAidKind",
                table: "filings");

            migrationBuilder.DropColumn(
                name: "JudicialAidReasons",
                table: "filings");
        }
    }
}
