using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace ChromoFarm.Results.Migrations;

/// <summary>
/// Room for an ensemble's model version, its members' versions joined by '+' (the shipped G-band triple's is 159
/// characters; 100 refused it in PostgreSQL and the coordinator could not store a result).
/// </summary>
/// <remarks>
/// Written by hand, like <see cref="InitialResults"/>. Only PostgreSQL enforces the length; SQLite ignores it, and
/// altering a column there would rebuild the table for nothing.
/// </remarks>
[DbContext(typeof(ResultsDbContext))]
[Migration("20261207010000_EnsembleModelVersions")]
public sealed class EnsembleModelVersions : Migration
{
    private const int Before = 100;

    protected override void Up(MigrationBuilder migrationBuilder) => Widen(migrationBuilder, Before, ResultsDbContext.ModelVersionLength);

    protected override void Down(MigrationBuilder migrationBuilder) => Widen(migrationBuilder, ResultsDbContext.ModelVersionLength, Before);

    private static void Widen(MigrationBuilder migrationBuilder, int from, int to)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        if (migrationBuilder.ActiveProvider != "Npgsql.EntityFrameworkCore.PostgreSQL")
        {
            return;
        }

        migrationBuilder.AlterColumn<string>("model_version", "cell_results", maxLength: to, nullable: false, oldMaxLength: from, oldNullable: false);
        migrationBuilder.AlterColumn<string>("model_version", "audit_log", maxLength: to, nullable: true, oldMaxLength: from, oldNullable: true);
    }
}
