using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CareTeams.Web.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class HomeBeds : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_VisitLogs_HomeBedId_StartedAt",
                table: "VisitLogs");

            migrationBuilder.CreateTable(
                name: "HomeBeds",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    CountyId = table.Column<int>(type: "int", nullable: false),
                    CentreId = table.Column<int>(type: "int", nullable: false),
                    TeamId = table.Column<int>(type: "int", nullable: false),
                    VillageId = table.Column<int>(type: "int", nullable: false),
                    ResidentId = table.Column<int>(type: "int", nullable: false),
                    Kind = table.Column<int>(type: "int", nullable: false),
                    Condition = table.Column<int>(type: "int", nullable: false),
                    ApplicationSummary = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: false),
                    Indications = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: false),
                    DoctorOpinion = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: true),
                    AppliedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    OpenedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    OpenedByStaffId = table.Column<int>(type: "int", nullable: false),
                    AssessmentFindings = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: false),
                    AssessmentAbilityLevel = table.Column<int>(type: "int", nullable: true),
                    AdmissionSystolic = table.Column<int>(type: "int", nullable: true),
                    AdmissionDiastolic = table.Column<int>(type: "int", nullable: true),
                    AdmissionPulse = table.Column<int>(type: "int", nullable: true),
                    AdmissionTemperatureC = table.Column<decimal>(type: "decimal(4,1)", precision: 4, scale: 1, nullable: true),
                    AdmissionFastingGlucose = table.Column<decimal>(type: "decimal(4,1)", precision: 4, scale: 1, nullable: true),
                    AdmissionOxygenSaturation = table.Column<int>(type: "int", nullable: true),
                    AdmissionWeightKg = table.Column<decimal>(type: "decimal(5,1)", precision: 5, scale: 1, nullable: true),
                    ConsentSignedBy = table.Column<string>(type: "nvarchar(50)", maxLength: 50, nullable: false),
                    ConsentRelation = table.Column<string>(type: "nvarchar(50)", maxLength: 50, nullable: true),
                    ConsentSignedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    ResponsibleDoctorId = table.Column<int>(type: "int", nullable: false),
                    ResponsibleNurseId = table.Column<int>(type: "int", nullable: false),
                    Status = table.Column<int>(type: "int", nullable: false),
                    LimitDays = table.Column<int>(type: "int", nullable: false),
                    ClosedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    ClosedByStaffId = table.Column<int>(type: "int", nullable: true),
                    Outcome = table.Column<int>(type: "int", nullable: true),
                    OutcomeNote = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: true),
                    ConditionAtClosing = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: true),
                    ClosingSummary = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: true),
                    Version = table.Column<Guid>(type: "uniqueidentifier", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_HomeBeds", x => x.Id);
                    table.ForeignKey(
                        name: "FK_HomeBeds_Centres_CentreId",
                        column: x => x.CentreId,
                        principalTable: "Centres",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_HomeBeds_Residents_ResidentId",
                        column: x => x.ResidentId,
                        principalTable: "Residents",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_HomeBeds_Staff_ResponsibleDoctorId",
                        column: x => x.ResponsibleDoctorId,
                        principalTable: "Staff",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_HomeBeds_Staff_ResponsibleNurseId",
                        column: x => x.ResponsibleNurseId,
                        principalTable: "Staff",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_HomeBeds_Teams_TeamId",
                        column: x => x.TeamId,
                        principalTable: "Teams",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_HomeBeds_Villages_VillageId",
                        column: x => x.VillageId,
                        principalTable: "Villages",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "BedDiagnoses",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    HomeBedId = table.Column<int>(type: "int", nullable: false),
                    Stage = table.Column<int>(type: "int", nullable: false),
                    Sequence = table.Column<int>(type: "int", nullable: false),
                    Text = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    Icd10Code = table.Column<string>(type: "nvarchar(10)", maxLength: 10, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BedDiagnoses", x => x.Id);
                    table.ForeignKey(
                        name: "FK_BedDiagnoses_HomeBeds_HomeBedId",
                        column: x => x.HomeBedId,
                        principalTable: "HomeBeds",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "BedExtensions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    HomeBedId = table.Column<int>(type: "int", nullable: false),
                    Sequence = table.Column<int>(type: "int", nullable: false),
                    ExtendedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    PreviousLimitDays = table.Column<int>(type: "int", nullable: false),
                    NewLimitDays = table.Column<int>(type: "int", nullable: false),
                    Reason = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: false),
                    StaffMemberId = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BedExtensions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_BedExtensions_HomeBeds_HomeBedId",
                        column: x => x.HomeBedId,
                        principalTable: "HomeBeds",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_BedExtensions_Staff_StaffMemberId",
                        column: x => x.StaffMemberId,
                        principalTable: "Staff",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "BedOrders",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    HomeBedId = table.Column<int>(type: "int", nullable: false),
                    Sequence = table.Column<int>(type: "int", nullable: false),
                    Kind = table.Column<int>(type: "int", nullable: false),
                    ItemName = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    Instructions = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    FrequencyUnit = table.Column<int>(type: "int", nullable: false),
                    FrequencyCount = table.Column<int>(type: "int", nullable: false),
                    StartsOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Until = table.Column<DateOnly>(type: "date", nullable: true),
                    OrderedByStaffId = table.Column<int>(type: "int", nullable: false),
                    StoppedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    StopReason = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: true),
                    StoppedByStaffId = table.Column<int>(type: "int", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BedOrders", x => x.Id);
                    table.ForeignKey(
                        name: "FK_BedOrders_HomeBeds_HomeBedId",
                        column: x => x.HomeBedId,
                        principalTable: "HomeBeds",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_BedOrders_Staff_OrderedByStaffId",
                        column: x => x.OrderedByStaffId,
                        principalTable: "Staff",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_BedOrders_Staff_StoppedByStaffId",
                        column: x => x.StoppedByStaffId,
                        principalTable: "Staff",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_VisitLogs_BedOrderId_StartedAt",
                table: "VisitLogs",
                columns: new[] { "BedOrderId", "StartedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_VisitLogs_HomeBedId_Kind_StartedAt",
                table: "VisitLogs",
                columns: new[] { "HomeBedId", "Kind", "StartedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_BedDiagnoses_HomeBedId",
                table: "BedDiagnoses",
                column: "HomeBedId");

            migrationBuilder.CreateIndex(
                name: "IX_BedExtensions_HomeBedId",
                table: "BedExtensions",
                column: "HomeBedId");

            migrationBuilder.CreateIndex(
                name: "IX_BedExtensions_StaffMemberId",
                table: "BedExtensions",
                column: "StaffMemberId");

            migrationBuilder.CreateIndex(
                name: "IX_BedOrders_HomeBedId",
                table: "BedOrders",
                column: "HomeBedId");

            migrationBuilder.CreateIndex(
                name: "IX_BedOrders_OrderedByStaffId",
                table: "BedOrders",
                column: "OrderedByStaffId");

            migrationBuilder.CreateIndex(
                name: "IX_BedOrders_StoppedByStaffId",
                table: "BedOrders",
                column: "StoppedByStaffId");

            migrationBuilder.CreateIndex(
                name: "IX_HomeBeds_CentreId_Status",
                table: "HomeBeds",
                columns: new[] { "CentreId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_HomeBeds_OneOpenPerResident",
                table: "HomeBeds",
                column: "ResidentId",
                unique: true,
                filter: "Status <> 3");

            migrationBuilder.CreateIndex(
                name: "IX_HomeBeds_ResponsibleDoctorId",
                table: "HomeBeds",
                column: "ResponsibleDoctorId");

            migrationBuilder.CreateIndex(
                name: "IX_HomeBeds_ResponsibleNurseId",
                table: "HomeBeds",
                column: "ResponsibleNurseId");

            migrationBuilder.CreateIndex(
                name: "IX_HomeBeds_TeamId_Status",
                table: "HomeBeds",
                columns: new[] { "TeamId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_HomeBeds_VillageId",
                table: "HomeBeds",
                column: "VillageId");

            migrationBuilder.AddForeignKey(
                name: "FK_VisitLogs_BedOrders_BedOrderId",
                table: "VisitLogs",
                column: "BedOrderId",
                principalTable: "BedOrders",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_VisitLogs_HomeBeds_HomeBedId",
                table: "VisitLogs",
                column: "HomeBedId",
                principalTable: "HomeBeds",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_VisitLogs_BedOrders_BedOrderId",
                table: "VisitLogs");

            migrationBuilder.DropForeignKey(
                name: "FK_VisitLogs_HomeBeds_HomeBedId",
                table: "VisitLogs");

            migrationBuilder.DropTable(
                name: "BedDiagnoses");

            migrationBuilder.DropTable(
                name: "BedExtensions");

            migrationBuilder.DropTable(
                name: "BedOrders");

            migrationBuilder.DropTable(
                name: "HomeBeds");

            migrationBuilder.DropIndex(
                name: "IX_VisitLogs_BedOrderId_StartedAt",
                table: "VisitLogs");

            migrationBuilder.DropIndex(
                name: "IX_VisitLogs_HomeBedId_Kind_StartedAt",
                table: "VisitLogs");

            migrationBuilder.CreateIndex(
                name: "IX_VisitLogs_HomeBedId_StartedAt",
                table: "VisitLogs",
                columns: new[] { "HomeBedId", "StartedAt" });
        }
    }
}
