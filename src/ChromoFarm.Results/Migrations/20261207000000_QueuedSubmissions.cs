using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace ChromoFarm.Results.Migrations;

/// <summary>A queued cell keeps the message ingest sent, and how often the coordinator's sweep sent it again.</summary>
/// <remarks>Written by hand, like <see cref="InitialResults"/>. Cells queued before it have no submission: the sweep
/// can only fail them, with a reason that says so.</remarks>
[DbContext(typeof(ResultsDbContext))]
[Migration("20261207000000_QueuedSubmissions")]
public sealed class QueuedSubmissions : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.AddColumn<string>("submission", "cells", nullable: true);
        migrationBuilder.AddColumn<int>("resends", "cells", nullable: false, defaultValue: 0);
        migrationBuilder.CreateIndex("IX_cells_status_updated_at", "cells", ["status", "updated_at"]);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.DropIndex("IX_cells_status_updated_at", "cells");
        migrationBuilder.DropColumn("resends", "cells");
        migrationBuilder.DropColumn("submission", "cells");
    }
}
