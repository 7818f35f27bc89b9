using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CareTeams.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Referrals : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "AllianceInstitutionId",
                table: "AspNetUsers",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "AllianceInstitutions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CountyId = table.Column<int>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    CentreId = table.Column<int>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AllianceInstitutions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AllianceInstitutions_Centres_CentreId",
                        column: x => x.CentreId,
                        principalTable: "Centres",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_AllianceInstitutions_Counties_CountyId",
                        column: x => x.CountyId,
                        principalTable: "Counties",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Referrals",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CountyId = table.Column<int>(type: "INTEGER", nullable: false),
                    CentreId = table.Column<int>(type: "INTEGER", nullable: false),
                    TeamId = table.Column<int>(type: "INTEGER", nullable: false),
                    ResidentId = table.Column<int>(type: "INTEGER", nullable: false),
                    FromInstitutionId = table.Column<int>(type: "INTEGER", nullable: false),
                    FromKind = table.Column<int>(type: "INTEGER", nullable: false),
                    ToInstitutionId = table.Column<int>(type: "INTEGER", nullable: false),
                    ToKind = table.Column<int>(type: "INTEGER", nullable: false),
                    Direction = table.Column<int>(type: "INTEGER", nullable: false),
                    Urgency = table.Column<int>(type: "INTEGER", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    Diagnosis = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Icd10Code = table.Column<string>(type: "TEXT", maxLength: 10, nullable: true),
                    TreatmentSoFar = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    History = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    ReturnDiagnosisResult = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    ReturnInpatientNumber = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    ReturnMainFindings = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    ReturnTreatment = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    ReturnNextPlan = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    ReturnFollowUpInstructions = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    ProposesHomeBed = table.Column<bool>(type: "INTEGER", nullable: false),
                    RequestedByStaffId = table.Column<int>(type: "INTEGER", nullable: true),
                    RequestedByName = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    RequestedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    AnswersReferralId = table.Column<int>(type: "INTEGER", nullable: true),
                    ReturnedByReferralId = table.Column<int>(type: "INTEGER", nullable: true),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Referrals", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Referrals_AllianceInstitutions_FromInstitutionId",
                        column: x => x.FromInstitutionId,
                        principalTable: "AllianceInstitutions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Referrals_AllianceInstitutions_ToInstitutionId",
                        column: x => x.ToInstitutionId,
                        principalTable: "AllianceInstitutions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Referrals_Centres_CentreId",
                        column: x => x.CentreId,
                        principalTable: "Centres",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Referrals_Referrals_AnswersReferralId",
                        column: x => x.AnswersReferralId,
                        principalTable: "Referrals",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Referrals_Referrals_ReturnedByReferralId",
                        column: x => x.ReturnedByReferralId,
                        principalTable: "Referrals",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Referrals_Residents_ResidentId",
                        column: x => x.ResidentId,
                        principalTable: "Residents",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Referrals_Staff_RequestedByStaffId",
                        column: x => x.RequestedByStaffId,
                        principalTable: "Staff",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Referrals_Teams_TeamId",
                        column: x => x.TeamId,
                        principalTable: "Teams",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ReferralAttachments",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ReferralId = table.Column<int>(type: "INTEGER", nullable: false),
                    Sequence = table.Column<int>(type: "INTEGER", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Summary = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReferralAttachments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ReferralAttachments_Referrals_ReferralId",
                        column: x => x.ReferralId,
                        principalTable: "Referrals",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ReferralSteps",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ReferralId = table.Column<int>(type: "INTEGER", nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    StaffId = table.Column<int>(type: "INTEGER", nullable: true),
                    ByName = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    InstitutionId = table.Column<int>(type: "INTEGER", nullable: true),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReferralSteps", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ReferralSteps_AllianceInstitutions_InstitutionId",
                        column: x => x.InstitutionId,
                        principalTable: "AllianceInstitutions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ReferralSteps_Referrals_ReferralId",
                        column: x => x.ReferralId,
                        principalTable: "Referrals",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUsers_AllianceInstitutionId",
                table: "AspNetUsers",
                column: "AllianceInstitutionId");

            migrationBuilder.CreateIndex(
                name: "IX_AllianceInstitutions_CentreId",
                table: "AllianceInstitutions",
                column: "CentreId");

            migrationBuilder.CreateIndex(
                name: "IX_AllianceInstitutions_CountyId_Name",
                table: "AllianceInstitutions",
                columns: new[] { "CountyId", "Name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ReferralAttachments_ReferralId",
                table: "ReferralAttachments",
                column: "ReferralId");

            migrationBuilder.CreateIndex(
                name: "IX_Referrals_AnswersReferralId",
                table: "Referrals",
                column: "AnswersReferralId");

            migrationBuilder.CreateIndex(
                name: "IX_Referrals_CentreId_RequestedAt",
                table: "Referrals",
                columns: new[] { "CentreId", "RequestedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Referrals_CountyId_ToInstitutionId_Status",
                table: "Referrals",
                columns: new[] { "CountyId", "ToInstitutionId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_Referrals_FromInstitutionId_Status",
                table: "Referrals",
                columns: new[] { "FromInstitutionId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_Referrals_RequestedByStaffId",
                table: "Referrals",
                column: "RequestedByStaffId");

            migrationBuilder.CreateIndex(
                name: "IX_Referrals_ResidentId",
                table: "Referrals",
                column: "ResidentId");

            migrationBuilder.CreateIndex(
                name: "IX_Referrals_ReturnedByReferralId",
                table: "Referrals",
                column: "ReturnedByReferralId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Referrals_TeamId_Status",
                table: "Referrals",
                columns: new[] { "TeamId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_Referrals_ToInstitutionId",
                table: "Referrals",
                column: "ToInstitutionId");

            migrationBuilder.CreateIndex(
                name: "IX_ReferralSteps_InstitutionId",
                table: "ReferralSteps",
                column: "InstitutionId");

            migrationBuilder.CreateIndex(
                name: "IX_ReferralSteps_ReferralId",
                table: "ReferralSteps",
                column: "ReferralId");

            migrationBuilder.AddForeignKey(
                name: "FK_AspNetUsers_AllianceInstitutions_AllianceInstitutionId",
                table: "AspNetUsers",
                column: "AllianceInstitutionId",
                principalTable: "AllianceInstitutions",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_AspNetUsers_AllianceInstitutions_AllianceInstitutionId",
                table: "AspNetUsers");

            migrationBuilder.DropTable(
                name: "ReferralAttachments");

            migrationBuilder.DropTable(
                name: "ReferralSteps");

            migrationBuilder.DropTable(
                name: "Referrals");

            migrationBuilder.DropTable(
                name: "AllianceInstitutions");

            migrationBuilder.DropIndex(
                name: "IX_AspNetUsers_AllianceInstitutionId",
                table: "AspNetUsers");

            migrationBuilder.DropColumn(
                name: "AllianceInstitutionId",
                table: "AspNetUsers");
        }
    }
}
