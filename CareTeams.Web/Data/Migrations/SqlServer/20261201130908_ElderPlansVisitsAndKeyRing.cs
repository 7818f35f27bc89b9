using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CareTeams.Web.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class ElderPlansVisitsAndKeyRing : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "DataProtectionKeys",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    FriendlyName = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: true),
                    Xml = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DataProtectionKeys", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ElderPlans2111",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    CountyId = table.Column<int>(type: "int", nullable: false),
                    CentreId = table.Column<int>(type: "int", nullable: false),
                    TeamId = table.Column<int>(type: "int", nullable: true),
                    VillageId = table.Column<int>(type: "int", nullable: false),
                    ResidentId = table.Column<int>(type: "int", nullable: false),
                    Year = table.Column<int>(type: "int", nullable: false),
                    StartsOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Version = table.Column<Guid>(type: "uniqueidentifier", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ElderPlans2111", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ElderPlans2111_Centres_CentreId",
                        column: x => x.CentreId,
                        principalTable: "Centres",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ElderPlans2111_Residents_ResidentId",
                        column: x => x.ResidentId,
                        principalTable: "Residents",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ElderPlans2111_Teams_TeamId",
                        column: x => x.TeamId,
                        principalTable: "Teams",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ElderPlans2111_Villages_VillageId",
                        column: x => x.VillageId,
                        principalTable: "Villages",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "PlanItems2111",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    ElderPlan2111Id = table.Column<int>(type: "int", nullable: false),
                    Kind = table.Column<int>(type: "int", nullable: false),
                    Sequence = table.Column<int>(type: "int", nullable: false),
                    Earliest = table.Column<DateOnly>(type: "date", nullable: false),
                    WindowStart = table.Column<DateOnly>(type: "date", nullable: false),
                    Due = table.Column<DateOnly>(type: "date", nullable: false),
                    Status = table.Column<int>(type: "int", nullable: false),
                    ClosedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    StaffMemberId = table.Column<int>(type: "int", nullable: true),
                    Reason = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PlanItems2111", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PlanItems2111_ElderPlans2111_ElderPlan2111Id",
                        column: x => x.ElderPlan2111Id,
                        principalTable: "ElderPlans2111",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_PlanItems2111_Staff_StaffMemberId",
                        column: x => x.StaffMemberId,
                        principalTable: "Staff",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "VisitLogs",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    CountyId = table.Column<int>(type: "int", nullable: false),
                    CentreId = table.Column<int>(type: "int", nullable: false),
                    TeamId = table.Column<int>(type: "int", nullable: true),
                    VillageId = table.Column<int>(type: "int", nullable: false),
                    ResidentId = table.Column<int>(type: "int", nullable: false),
                    StaffMemberId = table.Column<int>(type: "int", nullable: false),
                    StartedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    EndedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    Place = table.Column<int>(type: "int", nullable: false),
                    Kind = table.Column<int>(type: "int", nullable: false),
                    Service = table.Column<int>(type: "int", nullable: false),
                    PlanItemId = table.Column<int>(type: "int", nullable: true),
                    HomeBedId = table.Column<int>(type: "int", nullable: true),
                    BedOrderId = table.Column<int>(type: "int", nullable: true),
                    Systolic = table.Column<int>(type: "int", nullable: true),
                    Diastolic = table.Column<int>(type: "int", nullable: true),
                    Pulse = table.Column<int>(type: "int", nullable: true),
                    TemperatureC = table.Column<decimal>(type: "decimal(4,1)", precision: 4, scale: 1, nullable: true),
                    FastingGlucose = table.Column<decimal>(type: "decimal(4,1)", precision: 4, scale: 1, nullable: true),
                    OxygenSaturation = table.Column<int>(type: "int", nullable: true),
                    WeightKg = table.Column<decimal>(type: "decimal(5,1)", precision: 5, scale: 1, nullable: true),
                    VitalFlags = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    Notes = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: true),
                    SignedBy = table.Column<string>(type: "nvarchar(50)", maxLength: 50, nullable: true),
                    SignedRelation = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: true),
                    FormKind = table.Column<int>(type: "int", nullable: false),
                    FormAnswers = table.Column<string>(type: "nvarchar(max)", maxLength: 8000, nullable: true),
                    FormResult = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: true),
                    FormScore = table.Column<int>(type: "int", nullable: true),
                    Version = table.Column<Guid>(type: "uniqueidentifier", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_VisitLogs", x => x.Id);
                    table.ForeignKey(
                        name: "FK_VisitLogs_Centres_CentreId",
                        column: x => x.CentreId,
                        principalTable: "Centres",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_VisitLogs_PlanItems2111_PlanItemId",
                        column: x => x.PlanItemId,
                        principalTable: "PlanItems2111",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_VisitLogs_Residents_ResidentId",
                        column: x => x.ResidentId,
                        principalTable: "Residents",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_VisitLogs_Staff_StaffMemberId",
                        column: x => x.StaffMemberId,
                        principalTable: "Staff",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_VisitLogs_Teams_TeamId",
                        column: x => x.TeamId,
                        principalTable: "Teams",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_VisitLogs_Villages_VillageId",
                        column: x => x.VillageId,
                        principalTable: "Villages",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ElderPlans2111_CentreId_Year",
                table: "ElderPlans2111",
                columns: new[] { "CentreId", "Year" });

            migrationBuilder.CreateIndex(
                name: "IX_ElderPlans2111_ResidentId_Year",
                table: "ElderPlans2111",
                columns: new[] { "ResidentId", "Year" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ElderPlans2111_TeamId_Year_VillageId",
                table: "ElderPlans2111",
                columns: new[] { "TeamId", "Year", "VillageId" });

            migrationBuilder.CreateIndex(
                name: "IX_ElderPlans2111_VillageId",
                table: "ElderPlans2111",
                column: "VillageId");

            migrationBuilder.CreateIndex(
                name: "IX_PlanItems2111_ElderPlan2111Id_Status_WindowStart",
                table: "PlanItems2111",
                columns: new[] { "ElderPlan2111Id", "Status", "WindowStart" });

            migrationBuilder.CreateIndex(
                name: "IX_PlanItems2111_StaffMemberId",
                table: "PlanItems2111",
                column: "StaffMemberId");

            migrationBuilder.CreateIndex(
                name: "IX_PlanItems2111_Status_ClosedOn",
                table: "PlanItems2111",
                columns: new[] { "Status", "ClosedOn" });

            migrationBuilder.CreateIndex(
                name: "IX_VisitLogs_CentreId_StartedAt",
                table: "VisitLogs",
                columns: new[] { "CentreId", "StartedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_VisitLogs_HomeBedId_StartedAt",
                table: "VisitLogs",
                columns: new[] { "HomeBedId", "StartedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_VisitLogs_PlanItemId",
                table: "VisitLogs",
                column: "PlanItemId");

            migrationBuilder.CreateIndex(
                name: "IX_VisitLogs_ResidentId_StartedAt",
                table: "VisitLogs",
                columns: new[] { "ResidentId", "StartedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_VisitLogs_StaffMemberId_StartedAt",
                table: "VisitLogs",
                columns: new[] { "StaffMemberId", "StartedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_VisitLogs_TeamId_StartedAt",
                table: "VisitLogs",
                columns: new[] { "TeamId", "StartedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_VisitLogs_VillageId",
                table: "VisitLogs",
                column: "VillageId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "DataProtectionKeys");

            migrationBuilder.DropTable(
                name: "VisitLogs");

            migrationBuilder.DropTable(
                name: "PlanItems2111");

            migrationBuilder.DropTable(
                name: "ElderPlans2111");
        }
    }
}
