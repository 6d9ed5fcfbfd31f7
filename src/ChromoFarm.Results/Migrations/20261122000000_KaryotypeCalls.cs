using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace ChromoFarm.Results.Migrations;

/// <summary>The prior-aware karyotype call of a cell result: sex chromosomes, call confidence, the competing call, review reasons and the priors' version.</summary>
/// <remarks>Written by hand, like <see cref="InitialResults"/>. Rows stored before it read as unreviewed calls with unknown priors.</remarks>
[DbContext(typeof(ResultsDbContext))]
[Migration("20261122000000_KaryotypeCalls")]
public sealed class KaryotypeCalls : Migration
{
    private const string Table = "cell_results";

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.AddColumn<string>("sex_chromosomes", Table, maxLength: 10, nullable: false, defaultValue: string.Empty);
        migrationBuilder.AddColumn<double>("call_confidence", Table, nullable: false, defaultValue: 0.0);
        migrationBuilder.AddColumn<string>("alternative_karyotype", Table, maxLength: 200, nullable: true);
        migrationBuilder.AddColumn<string>("review_reasons", Table, maxLength: 200, nullable: false, defaultValue: string.Empty);
        migrationBuilder.AddColumn<bool>("needs_review", Table, nullable: false, defaultValue: false);
        migrationBuilder.AddColumn<string>("priors_version", Table, maxLength: 100, nullable: false, defaultValue: "unknown");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        foreach (var column in new[] { "sex_chromosomes", "call_confidence", "alternative_karyotype", "review_reasons", "needs_review", "priors_version" })
        {
            migrationBuilder.DropColumn(column, Table);
        }
    }
}
