using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CareTeams.Web.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class ReferralListsAndResidentAsReferred : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Referrals_CountyId_ToInstitutionId_Status",
                table: "Referrals");

            migrationBuilder.DropIndex(
                name: "IX_Referrals_FromInstitutionId_Status",
                table: "Referrals");

            migrationBuilder.DropIndex(
                name: "IX_Referrals_TeamId_Status",
                table: "Referrals");

            migrationBuilder.DropIndex(
                name: "IX_Referrals_ToInstitutionId",
                table: "Referrals");

            migrationBuilder.AddColumn<DateOnly>(
                name: "ResidentDateOfBirth",
                table: "Referrals",
                type: "date",
                nullable: false,
                defaultValue: new DateOnly(1, 1, 1));

            migrationBuilder.AddColumn<string>(
                name: "ResidentName",
                table: "Referrals",
                type: "nvarchar(30)",
                maxLength: 30,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<int>(
                name: "ResidentSex",
                table: "Referrals",
                type: "int",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateIndex(
                name: "IX_Referrals_FromInstitutionId_RequestedAt",
                table: "Referrals",
                columns: new[] { "FromInstitutionId", "RequestedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Referrals_TeamId_RequestedAt",
                table: "Referrals",
                columns: new[] { "TeamId", "RequestedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Referrals_ToInstitutionId_RequestedAt",
                table: "Referrals",
                columns: new[] { "ToInstitutionId", "RequestedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Referrals_ToInstitutionId_Status",
                table: "Referrals",
                columns: new[] { "ToInstitutionId", "Status" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Referrals_FromInstitutionId_RequestedAt",
                table: "Referrals");

            migrationBuilder.DropIndex(
                name: "IX_Referrals_TeamId_RequestedAt",
                table: "Referrals");

            migrationBuilder.DropIndex(
                name: "IX_Referrals_ToInstitutionId_RequestedAt",
                table: "Referrals");

            migrationBuilder.DropIndex(
                name: "IX_Referrals_ToInstitutionId_Status",
                table: "Referrals");

            migrationBuilder.DropColumn(
                name: "ResidentDateOfBirth",
                table: "Referrals");

            migrationBuilder.DropColumn(
                name: "ResidentName",
                table: "Referrals");

            migrationBuilder.DropColumn(
                name: "ResidentSex",
                table: "Referrals");

            migrationBuilder.CreateIndex(
                name: "IX_Referrals_CountyId_ToInstitutionId_Status",
                table: "Referrals",
                columns: new[] { "CountyId", "ToInstitutionId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_Referrals_FromInstitutionId_Status",
                table: "Referrals",
                columns: new[] { "FromInstitutionId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_Referrals_TeamId_Status",
                table: "Referrals",
                columns: new[] { "TeamId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_Referrals_ToInstitutionId",
                table: "Referrals",
                column: "ToInstitutionId");
        }
    }
}
