using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Docket.Web.Infrastructure.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class QueueIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_filings_CooperatingCourtId_Status",
                table: "filings");

            migrationBuilder.DropIndex(
                name: "IX_filings_CourtId_Status_DecisionDeadline",
                table: "filings");

            migrationBuilder.CreateIndex(
                name: "IX_filings_CooperatingCourtId_Status_DecisionDeadline_Submitte~",
                table: "filings",
                columns: new[] { "CooperatingCourtId", "Status", "DecisionDeadline", "SubmittedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_filings_CourtId_Status_DecisionDeadline_SubmittedAt_Id",
                table: "filings",
                columns: new[] { "CourtId", "Status", "DecisionDeadline", "SubmittedAt", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_filings_CooperatingCourtId_Status_DecisionDeadline_Submitte~",
                table: "filings");

            migrationBuilder.DropIndex(
                name: "IX_filings_CourtId_Status_DecisionDeadline_SubmittedAt_Id",
                table: "filings");

            migrationBuilder.CreateIndex(
                name: "IX_filings_CooperatingCourtId_Status",
                table: "filings",
                columns: new[] { "CooperatingCourtId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_filings_CourtId_Status_DecisionDeadline",
                table: "filings",
                columns: new[] { "CourtId", "Status", "DecisionDeadline" });
        }
    }
}
