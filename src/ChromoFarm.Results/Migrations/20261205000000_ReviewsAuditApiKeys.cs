using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations.Builders;
using Microsoft.EntityFrameworkCore.Migrations.Operations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

namespace ChromoFarm.Results.Migrations;

/// <summary>
/// People's review of the results: reviewed results (revisions of a cell result's labels), the append-only audit
/// trail, API keys, and the object-store keys of each chromosome's image and cut-out (for karyograms).
/// </summary>
/// <remarks>
/// Written by hand, like <see cref="InitialResults"/>. The audit table refuses UPDATE and DELETE by a trigger on
/// both databases, so that no code path (nor an analyst's SQL) can rewrite history. Chromosomes stored before this
/// migration have no image keys: their karyograms show empty places, with the chromosome's label.
/// </remarks>
[DbContext(typeof(ResultsDbContext))]
[Migration("20261205000000_ReviewsAuditApiKeys")]
public sealed class ReviewsAuditApiKeys : Migration
{
    private const string AppendOnly = "audit_log is append-only";

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.AddColumn<string>("image_key", "chromosomes", maxLength: 64, nullable: true);
        migrationBuilder.AddColumn<string>("cutout_key", "chromosomes", maxLength: 64, nullable: true);
        migrationBuilder.CreateIndex("IX_cell_results_completed_at", "cell_results", "completed_at");

        migrationBuilder.CreateTable(
            name: "reviews",
            columns: table => new
            {
                id = Identity(table),
                cell_result_id = table.Column<long>(nullable: false),
                revision = table.Column<int>(nullable: false),
                reviewer = table.Column<string>(maxLength: 200, nullable: false),
                created_at = table.Column<DateTimeOffset>(nullable: false),
                status = table.Column<string>(maxLength: 20, nullable: false),
                karyotype = table.Column<string>(maxLength: 200, nullable: false),
                chromosome_count = table.Column<int>(nullable: false),
                is_normal = table.Column<bool>(nullable: false),
                sex_chromosomes = table.Column<string>(maxLength: 10, nullable: false),
                note = table.Column<string>(nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_reviews", x => x.id);
                table.ForeignKey("FK_reviews_cell_results_cell_result_id", x => x.cell_result_id, "cell_results", "id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "review_labels",
            columns: table => new
            {
                id = Identity(table),
                review_id = table.Column<long>(nullable: false),
                index = table.Column<int>(nullable: false),
                label = table.Column<string>(maxLength: 8, nullable: false),
                added = table.Column<bool>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_review_labels", x => x.id);
                table.ForeignKey("FK_review_labels_reviews_review_id", x => x.review_id, "reviews", "id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "audit_log",
            columns: table => new
            {
                id = Identity(table),
                at = table.Column<DateTimeOffset>(nullable: false),
                actor = table.Column<string>(maxLength: 200, nullable: false),
                action = table.Column<string>(maxLength: 40, nullable: false),
                case_key = table.Column<string>(maxLength: 200, nullable: true),
                cell_key = table.Column<string>(maxLength: 200, nullable: true),
                model_version = table.Column<string>(maxLength: 100, nullable: true),
                review_id = table.Column<long>(nullable: true),
                chromosome_index = table.Column<int>(nullable: true),
                other_index = table.Column<int>(nullable: true),
                from_value = table.Column<string>(maxLength: 200, nullable: true),
                to_value = table.Column<string>(maxLength: 200, nullable: true),
                detail = table.Column<string>(nullable: true),
            },
            constraints: table => table.PrimaryKey("PK_audit_log", x => x.id));

        migrationBuilder.CreateTable(
            name: "api_keys",
            columns: table => new
            {
                id = Identity(table),
                key_id = table.Column<string>(maxLength: 16, nullable: false),
                key_hash = table.Column<string>(maxLength: 64, nullable: false),
                name = table.Column<string>(maxLength: 200, nullable: false),
                role = table.Column<string>(maxLength: 20, nullable: false),
                created_at = table.Column<DateTimeOffset>(nullable: false),
                expires_at = table.Column<DateTimeOffset>(nullable: true),
                revoked_at = table.Column<DateTimeOffset>(nullable: true),
            },
            constraints: table => table.PrimaryKey("PK_api_keys", x => x.id));

        migrationBuilder.CreateIndex("IX_reviews_cell_result_id_revision", "reviews", ["cell_result_id", "revision"], unique: true);
        migrationBuilder.CreateIndex("IX_review_labels_review_id_index", "review_labels", ["review_id", "index"], unique: true);
        migrationBuilder.CreateIndex("IX_audit_log_case_key_cell_key", "audit_log", ["case_key", "cell_key"]);
        migrationBuilder.CreateIndex("IX_api_keys_key_id", "api_keys", "key_id", unique: true);

        if (migrationBuilder.ActiveProvider == "Npgsql.EntityFrameworkCore.PostgreSQL")
        {
            migrationBuilder.Sql($"""
                CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN RAISE EXCEPTION '{AppendOnly}'; END $$;
                CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
                CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
                """);
        }
        else
        {
            migrationBuilder.Sql($"CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, '{AppendOnly}'); END;");
            migrationBuilder.Sql($"CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, '{AppendOnly}'); END;");
        }
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.DropTable("api_keys");
        migrationBuilder.DropTable("audit_log");
        migrationBuilder.DropTable("review_labels");
        migrationBuilder.DropTable("reviews");
        if (migrationBuilder.ActiveProvider == "Npgsql.EntityFrameworkCore.PostgreSQL")
        {
            migrationBuilder.Sql("DROP FUNCTION IF EXISTS audit_log_append_only();");
        }

        migrationBuilder.DropIndex("IX_cell_results_completed_at", "cell_results");
        migrationBuilder.DropColumn("cutout_key", "chromosomes");
        migrationBuilder.DropColumn("image_key", "chromosomes");
    }

    private static OperationBuilder<AddColumnOperation> Identity(ColumnsBuilder table) =>
        table.Column<long>(nullable: false)
            .Annotation("Sqlite:Autoincrement", true)
            .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn);
}
