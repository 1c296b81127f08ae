using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Docket.Web.Infrastructure.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class FirstAction : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "FirstActionAt",
                table: "filings",
                type: "timestamp with time zone",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "FirstActionAt",
                table: "filings");
        }
    }
}
