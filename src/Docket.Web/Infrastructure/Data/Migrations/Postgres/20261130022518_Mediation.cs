using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Docket.Web.Infrastructure.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Mediation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "PreLitigationNumber",
                table: "filings",
                type: "character varying(60)",
                maxLength: 60,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RoomId",
                table: "AspNetUsers",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "mediation_cases",
                columns: table => new
                {
                    Id = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    RoomId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Source = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    DisputeType = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    AmountFen = table.Column<long>(type: "bigint", nullable: true),
                    Summary = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    AgreementFacts = table.Column<string>(type: "character varying(10000)", maxLength: 10000, nullable: true),
                    AgreementTerms = table.Column<string>(type: "character varying(10000)", maxLength: 10000, nullable: true),
                    AgreementPerformance = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    AgreementAmountFen = table.Column<long>(type: "bigint", nullable: true),
                    AgreementDate = table.Column<DateOnly>(type: "date", nullable: true),
                    ClosedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ClosedById = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    ClosedByName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    FilingId = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    DivertingCourtId = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: true),
                    PreLitigationNumber = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: true),
                    DisputeId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CreatedById = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    CreatedByName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    FeedbackRating = table.Column<int>(type: "integer", nullable: true),
                    FeedbackComment = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    FeedbackBanner = table.Column<bool>(type: "boolean", nullable: true),
                    FeedbackAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ConfirmationFilingId = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_mediation_cases", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "mediation_rooms",
                columns: table => new
                {
                    Id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Township = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    CourtId = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_mediation_rooms", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "mediation_case_parties",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Role = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    IdType = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    IdNumber = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    Uscc = table.Column<string>(type: "character varying(18)", maxLength: 18, nullable: true),
                    LegalRepresentative = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    Phone = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: true),
                    Address = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    CaseId = table.Column<string>(type: "character varying(32)", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_mediation_case_parties", x => x.Id);
                    table.ForeignKey(
                        name: "FK_mediation_case_parties_mediation_cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "mediation_cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "mediation_sessions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    At = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    MediatorId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    MediatorName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Notes = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    RecordedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CaseId = table.Column<string>(type: "character varying(32)", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_mediation_sessions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_mediation_sessions_mediation_cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "mediation_cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_filings_PreLitigationNumber",
                table: "filings",
                column: "PreLitigationNumber",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_mediation_case_parties_CaseId",
                table: "mediation_case_parties",
                column: "CaseId");

            migrationBuilder.CreateIndex(
                name: "IX_mediation_cases_DivertingCourtId_CreatedAt",
                table: "mediation_cases",
                columns: new[] { "DivertingCourtId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_mediation_cases_FilingId",
                table: "mediation_cases",
                column: "FilingId");

            migrationBuilder.CreateIndex(
                name: "IX_mediation_cases_RoomId_Status_CreatedAt",
                table: "mediation_cases",
                columns: new[] { "RoomId", "Status", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_mediation_rooms_CourtId",
                table: "mediation_rooms",
                column: "CourtId");

            migrationBuilder.CreateIndex(
                name: "IX_mediation_sessions_CaseId",
                table: "mediation_sessions",
                column: "CaseId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "mediation_case_parties");

            migrationBuilder.DropTable(
                name: "mediation_rooms");

            migrationBuilder.DropTable(
                name: "mediation_sessions");

            migrationBuilder.DropTable(
                name: "mediation_cases");

            migrationBuilder.DropIndex(
                name: "IX_filings_PreLitigationNumber",
                table: "filings");

            migrationBuilder.DropColumn(
                name: "PreLitigationNumber",
                table: "filings");

            migrationBuilder.DropColumn(
                name: "RoomId",
                table: "AspNetUsers");
        }
    }
}
