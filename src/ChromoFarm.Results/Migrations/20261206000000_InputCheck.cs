using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace ChromoFarm.Results.Migrations;

/// <summary>What the input screen found for a cell result: its measured stain, the model chosen, other metaphases set aside.</summary>
/// <remarks>Written by hand, like <see cref="InitialResults"/>. Results stored before it have no input check (null).</remarks>
[DbContext(typeof(ResultsDbContext))]
[Migration("20261206000000_InputCheck")]
public sealed class InputCheck : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.AddColumn<string>("input_check", "cell_results", nullable: true);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.DropColumn("input_check", "cell_results");
    }
}
