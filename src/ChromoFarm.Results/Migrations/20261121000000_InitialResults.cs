using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

namespace ChromoFarm.Results.Migrations;

/// <summary>Cases, cells, per-model-version cell results and their chromosomes.</summary>
/// <remarks>
/// Written by hand: the EF Core design-time package does not restore from this environment's feed. The model
/// snapshot beside it is kept in step, and a test checks that the model has no changes the migrations lack.
/// </remarks>
[DbContext(typeof(ResultsDbContext))]
[Migration("20261121000000_InitialResults")]
public sealed class InitialResults : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);

        migrationBuilder.CreateTable(
            name: "cases",
            columns: table => new
            {
                id = table.Column<long>(nullable: false).Annotation("Sqlite:Autoincrement", true).Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                case_key = table.Column<string>(maxLength: 200, nullable: false),
                created_at = table.Column<DateTimeOffset>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_cases", x => x.id));

        migrationBuilder.CreateTable(
            name: "cells",
            columns: table => new
            {
                id = table.Column<long>(nullable: false).Annotation("Sqlite:Autoincrement", true).Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                case_id = table.Column<long>(nullable: false),
                cell_key = table.Column<string>(maxLength: 200, nullable: false),
                source_kind = table.Column<string>(maxLength: 20, nullable: false),
                status = table.Column<string>(maxLength: 20, nullable: false),
                error = table.Column<string>(nullable: true),
                created_at = table.Column<DateTimeOffset>(nullable: false),
                updated_at = table.Column<DateTimeOffset>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_cells", x => x.id);
                table.ForeignKey("FK_cells_cases_case_id", x => x.case_id, "cases", "id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "cell_results",
            columns: table => new
            {
                id = table.Column<long>(nullable: false).Annotation("Sqlite:Autoincrement", true).Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                cell_id = table.Column<long>(nullable: false),
                model_version = table.Column<string>(maxLength: 100, nullable: false),
                karyotype = table.Column<string>(maxLength: 200, nullable: false),
                chromosome_count = table.Column<int>(nullable: false),
                is_normal = table.Column<bool>(nullable: false),
                mean_confidence = table.Column<double>(nullable: false),
                changed_by_assignment = table.Column<int>(nullable: false),
                processing_ms = table.Column<double>(nullable: false),
                submitted_at = table.Column<DateTimeOffset>(nullable: false),
                completed_at = table.Column<DateTimeOffset>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_cell_results", x => x.id);
                table.ForeignKey("FK_cell_results_cells_cell_id", x => x.cell_id, "cells", "id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "chromosomes",
            columns: table => new
            {
                id = table.Column<long>(nullable: false).Annotation("Sqlite:Autoincrement", true).Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                cell_result_id = table.Column<long>(nullable: false),
                index = table.Column<int>(nullable: false),
                source_name = table.Column<string>(nullable: false),
                label = table.Column<string>(maxLength: 2, nullable: false),
                argmax_label = table.Column<string>(maxLength: 2, nullable: false),
                confidence = table.Column<double>(nullable: false),
                argmax_probability = table.Column<double>(nullable: false),
                length = table.Column<double>(nullable: false),
                area = table.Column<double>(nullable: false),
                box_x = table.Column<int>(nullable: true),
                box_y = table.Column<int>(nullable: true),
                box_width = table.Column<int>(nullable: true),
                box_height = table.Column<int>(nullable: true),
                needs_review = table.Column<bool>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_chromosomes", x => x.id);
                table.ForeignKey("FK_chromosomes_cell_results_cell_result_id", x => x.cell_result_id, "cell_results", "id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateIndex("IX_cases_case_key", "cases", "case_key", unique: true);
        migrationBuilder.CreateIndex("IX_cells_case_id_cell_key", "cells", ["case_id", "cell_key"], unique: true);
        migrationBuilder.CreateIndex("IX_cell_results_cell_id_model_version", "cell_results", ["cell_id", "model_version"], unique: true);
        migrationBuilder.CreateIndex("IX_chromosomes_cell_result_id_index", "chromosomes", ["cell_result_id", "index"], unique: true);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.DropTable("chromosomes");
        migrationBuilder.DropTable("cell_results");
        migrationBuilder.DropTable("cells");
        migrationBuilder.DropTable("cases");
    }
}
