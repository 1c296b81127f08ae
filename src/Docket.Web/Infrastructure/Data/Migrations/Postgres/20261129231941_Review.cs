using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Docket.Web.Infrastructure.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Review : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "AppealCourtId",
                table: "filings",
                type: "character varying(12)",
                maxLength: 12,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "AssigneeId",
                table: "filings",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "AssigneeName",
                table: "filings",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "CaseNumber",
                table: "filings",
                type: "character varying(60)",
                maxLength: 60,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "CorrectionCount",
                table: "filings",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateOnly>(
                name: "CorrectionDueDate",
                table: "filings",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "CorrectionItems",
                table: "filings",
                type: "text",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<DateTime>(
                name: "CorrectionRequestedAt",
                table: "filings",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "DecidedAt",
                table: "filings",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "FeeAmountFen",
                table: "filings",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "FeeBasisJson",
                table: "filings",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "FeeDueDate",
                table: "filings",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "FeeStatus",
                table: "filings",
                type: "character varying(30)",
                maxLength: 30,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "FirstSubmittedAt",
                table: "filings",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "ForwardedAt",
                table: "filings",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "MediationConsentAt",
                table: "filings",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "MediationRoomId",
                table: "filings",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Procedure",
                table: "filings",
                type: "character varying(20)",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "RegisteredAt",
                table: "filings",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RejectionReasons",
                table: "filings",
                type: "character varying(4000)",
                maxLength: 4000,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "RulingDate",
                table: "filings",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RulingJudge",
                table: "filings",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RulingLegalBasis",
                table: "filings",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Address",
                table: "courts",
                type: "character varying(300)",
                maxLength: 300,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "FilingOfficePhone",
                table: "courts",
                type: "character varying(30)",
                maxLength: 30,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PayeeAccount",
                table: "courts",
                type: "character varying(60)",
                maxLength: 60,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PayeeBank",
                table: "courts",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PayeeName",
                table: "courts",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SealSha256",
                table: "courts",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "case_number_counters",
                columns: table => new
                {
                    court_id = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    type_code = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    year = table.Column<int>(type: "integer", nullable: false),
                    next_value = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_case_number_counters", x => new { x.court_id, x.type_code, x.year });
                });

            migrationBuilder.CreateTable(
                name: "notices",
                columns: table => new
                {
                    Id = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    FilingId = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    CourtId = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    Kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Title = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Number = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    IssuedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ContentJson = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_notices", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "notifications",
                columns: table => new
                {
                    Id = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    UserId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    FilingId = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    Kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    MessageKey = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Args = table.Column<string>(type: "text", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ReadAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    DeliveredAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Attempts = table.Column<int>(type: "integer", nullable: false),
                    NextAttemptAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    LeaseUntil = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    LastError = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_notifications", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_filings_CaseNumber",
                table: "filings",
                column: "CaseNumber",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_filings_CooperatingCourtId_Status",
                table: "filings",
                columns: new[] { "CooperatingCourtId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_filings_Status_CorrectionDueDate",
                table: "filings",
                columns: new[] { "Status", "CorrectionDueDate" });

            migrationBuilder.CreateIndex(
                name: "IX_notices_FilingId_IssuedAt",
                table: "notices",
                columns: new[] { "FilingId", "IssuedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_notifications_DeliveredAt_NextAttemptAt",
                table: "notifications",
                columns: new[] { "DeliveredAt", "NextAttemptAt" });

            migrationBuilder.CreateIndex(
                name: "IX_notifications_UserId_CreatedAt",
                table: "notifications",
                columns: new[] { "UserId", "CreatedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "case_number_counters");

            migrationBuilder.DropTable(
                name: "notices");

            migrationBuilder.DropTable(
                name: "notifications");

            migrationBuilder.DropIndex(
                name: "IX_filings_CaseNumber",
                table: "filings");

            migrationBuilder.DropIndex(
                name: "IX_filings_CooperatingCourtId_Status",
                table: "filings");

            migrationBuilder.DropIndex(
                name: "IX_filings_Status_CorrectionDueDate",
                table: "filings");

            migrationBuilder.DropColumn(
                name: "AppealCourtId",
                table: "filings");

            migrationBuilder.DropColumn(
                name: "AssigneeId",
                table: "filings");

            migrationBuilder.DropColumn(
                name: "AssigneeName",
                table: "filings");

            migrationBuilder.DropColumn(
                name: "CaseNumber",
                table: "filings");

            migrationBuilder.DropColumn(
                name: "CorrectionCount",
                table: "filings");

            migrationBuilder.DropColumn(
                name: "CorrectionDueDate",
                table: "filings");

            migrationBuilder.DropColumn(
                name: "CorrectionItems",
                table: "filings");

            migrationBuilder.DropColumn(
                name: "CorrectionRequestedAt",
                table: "filings");

            migrationBuilder.DropColumn(
                name: "DecidedAt",
                table: "filings");

            migrationBuilder.DropColumn(
                name: "FeeAmountFen",
                table: "filings");

            migrationBuilder.DropColumn(
                name: "FeeBasisJson",
                table: "filings");

            migrationBuilder.DropColumn(
                name: "FeeDueDate",
                table: "filings");

            migrationBuilder.DropColumn(
                name: "FeeStatus",
                table: "filings");

            migrationBuilder.DropColumn(
                name: "FirstSubmittedAt",
                table: "filings");

            migrationBuilder.DropColumn(
                name: "ForwardedAt",
                table: "filings");

            migrationBuilder.DropColumn(
                name: "MediationConsentAt",
                table: "filings");

            migrationBuilder.DropColumn(
                name: "MediationRoomId",
                table: "filings");

            migrationBuilder.DropColumn(
                name: "Procedure",
                table: "filings");

            migrationBuilder.DropColumn(
                name: "RegisteredAt",
                table: "filings");

            migrationBuilder.DropColumn(
                name: "RejectionReasons",
                table: "filings");

            migrationBuilder.DropColumn(
                name: "RulingDate",
                table: "filings");

            migrationBuilder.DropColumn(
                name: "RulingJudge",
                table: "filings");

            migrationBuilder.DropColumn(
                name: "RulingLegalBasis",
                table: "filings");

            migrationBuilder.DropColumn(
                name: "Address",
                table: "courts");

            migrationBuilder.DropColumn(
                name: "FilingOfficePhone",
                table: "courts");

            migrationBuilder.DropColumn(
                name: "PayeeAccount",
                table: "courts");

            migrationBuilder.DropColumn(
                name: "PayeeBank",
                table: "courts");

            migrationBuilder.DropColumn(
                name: "PayeeName",
                table: "courts");

            migrationBuilder.DropColumn(
                name: "SealSha256",
                table: "courts");
        }
    }
}
