using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace ChromoFarm.Results.Migrations;

/// <summary>The model as of the latest migration (hand-kept; see <see cref="InitialResults"/>).</summary>
[DbContext(typeof(ResultsDbContext))]
internal sealed class ResultsDbContextModelSnapshot : ModelSnapshot
{
    protected override void BuildModel(ModelBuilder modelBuilder)
    {
        modelBuilder.HasAnnotation("ProductVersion", "10.0.14");

        modelBuilder.Entity("ChromoFarm.Results.Entities.CaseRecord", b =>
        {
            b.Property<long>("Id").ValueGeneratedOnAdd().HasColumnType("INTEGER").HasColumnName("id");
            b.Property<string>("CaseKey").IsRequired().HasMaxLength(200).HasColumnType("TEXT").HasColumnName("case_key");
            b.Property<DateTimeOffset>("CreatedAt").HasColumnType("TEXT").HasColumnName("created_at");
            b.HasKey("Id");
            b.HasIndex("CaseKey").IsUnique();
            b.ToTable("cases");
        });

        modelBuilder.Entity("ChromoFarm.Results.Entities.CellRecord", b =>
        {
            b.Property<long>("Id").ValueGeneratedOnAdd().HasColumnType("INTEGER").HasColumnName("id");
            b.Property<long>("CaseId").HasColumnType("INTEGER").HasColumnName("case_id");
            b.Property<string>("CellKey").IsRequired().HasMaxLength(200).HasColumnType("TEXT").HasColumnName("cell_key");
            b.Property<DateTimeOffset>("CreatedAt").HasColumnType("TEXT").HasColumnName("created_at");
            b.Property<string>("Error").HasColumnType("TEXT").HasColumnName("error");
            b.Property<string>("SourceKind").IsRequired().HasMaxLength(20).HasColumnType("TEXT").HasColumnName("source_kind");
            b.Property<string>("Status").IsRequired().HasMaxLength(20).HasColumnType("TEXT").HasColumnName("status");
            b.Property<DateTimeOffset>("UpdatedAt").HasColumnType("TEXT").HasColumnName("updated_at");
            b.HasKey("Id");
            b.HasIndex("CaseId", "CellKey").IsUnique();
            b.ToTable("cells");
        });

        modelBuilder.Entity("ChromoFarm.Results.Entities.CellResultRecord", b =>
        {
            b.Property<long>("Id").ValueGeneratedOnAdd().HasColumnType("INTEGER").HasColumnName("id");
            b.Property<long>("CellId").HasColumnType("INTEGER").HasColumnName("cell_id");
            b.Property<int>("ChangedByAssignment").HasColumnType("INTEGER").HasColumnName("changed_by_assignment");
            b.Property<int>("ChromosomeCount").HasColumnType("INTEGER").HasColumnName("chromosome_count");
            b.Property<DateTimeOffset>("CompletedAt").HasColumnType("TEXT").HasColumnName("completed_at");
            b.Property<string>("AlternativeKaryotype").HasMaxLength(200).HasColumnType("TEXT").HasColumnName("alternative_karyotype");
            b.Property<double>("CallConfidence").HasColumnType("REAL").HasColumnName("call_confidence");
            b.Property<bool>("IsNormal").HasColumnType("INTEGER").HasColumnName("is_normal");
            b.Property<bool>("NeedsReview").HasColumnType("INTEGER").HasColumnName("needs_review");
            b.Property<string>("PriorsVersion").IsRequired().HasMaxLength(100).HasColumnType("TEXT").HasColumnName("priors_version");
            b.Property<string>("ReviewReasons").IsRequired().HasMaxLength(200).HasColumnType("TEXT").HasColumnName("review_reasons");
            b.Property<string>("SexChromosomes").IsRequired().HasMaxLength(10).HasColumnType("TEXT").HasColumnName("sex_chromosomes");
            b.Property<string>("Karyotype").IsRequired().HasMaxLength(200).HasColumnType("TEXT").HasColumnName("karyotype");
            b.Property<double>("MeanConfidence").HasColumnType("REAL").HasColumnName("mean_confidence");
            b.Property<string>("ModelVersion").IsRequired().HasMaxLength(100).HasColumnType("TEXT").HasColumnName("model_version");
            b.Property<double>("ProcessingMilliseconds").HasColumnType("REAL").HasColumnName("processing_ms");
            b.Property<DateTimeOffset>("SubmittedAt").HasColumnType("TEXT").HasColumnName("submitted_at");
            b.HasKey("Id");
            b.HasIndex("CellId", "ModelVersion").IsUnique();
            b.ToTable("cell_results");
        });

        modelBuilder.Entity("ChromoFarm.Results.Entities.ChromosomeRecord", b =>
        {
            b.Property<long>("Id").ValueGeneratedOnAdd().HasColumnType("INTEGER").HasColumnName("id");
            b.Property<double>("Area").HasColumnType("REAL").HasColumnName("area");
            b.Property<string>("ArgmaxLabel").IsRequired().HasMaxLength(2).HasColumnType("TEXT").HasColumnName("argmax_label");
            b.Property<double>("ArgmaxProbability").HasColumnType("REAL").HasColumnName("argmax_probability");
            b.Property<int?>("BoxHeight").HasColumnType("INTEGER").HasColumnName("box_height");
            b.Property<int?>("BoxWidth").HasColumnType("INTEGER").HasColumnName("box_width");
            b.Property<int?>("BoxX").HasColumnType("INTEGER").HasColumnName("box_x");
            b.Property<int?>("BoxY").HasColumnType("INTEGER").HasColumnName("box_y");
            b.Property<long>("CellResultId").HasColumnType("INTEGER").HasColumnName("cell_result_id");
            b.Property<double>("Confidence").HasColumnType("REAL").HasColumnName("confidence");
            b.Property<int>("Index").HasColumnType("INTEGER").HasColumnName("index");
            b.Property<string>("Label").IsRequired().HasMaxLength(2).HasColumnType("TEXT").HasColumnName("label");
            b.Property<double>("Length").HasColumnType("REAL").HasColumnName("length");
            b.Property<bool>("NeedsReview").HasColumnType("INTEGER").HasColumnName("needs_review");
            b.Property<string>("SourceName").IsRequired().HasColumnType("TEXT").HasColumnName("source_name");
            b.HasKey("Id");
            b.HasIndex("CellResultId", "Index").IsUnique();
            b.ToTable("chromosomes");
        });

        modelBuilder.Entity("ChromoFarm.Results.Entities.CellRecord", b =>
        {
            b.HasOne("ChromoFarm.Results.Entities.CaseRecord", "Case").WithMany("Cells").HasForeignKey("CaseId").OnDelete(DeleteBehavior.Cascade).IsRequired();
            b.Navigation("Case");
        });

        modelBuilder.Entity("ChromoFarm.Results.Entities.CellResultRecord", b =>
        {
            b.HasOne("ChromoFarm.Results.Entities.CellRecord", "Cell").WithMany("Results").HasForeignKey("CellId").OnDelete(DeleteBehavior.Cascade).IsRequired();
            b.Navigation("Cell");
        });

        modelBuilder.Entity("ChromoFarm.Results.Entities.ChromosomeRecord", b =>
        {
            b.HasOne("ChromoFarm.Results.Entities.CellResultRecord", "CellResult").WithMany("Chromosomes").HasForeignKey("CellResultId").OnDelete(DeleteBehavior.Cascade).IsRequired();
            b.Navigation("CellResult");
        });

        modelBuilder.Entity("ChromoFarm.Results.Entities.CaseRecord", b => b.Navigation("Cells"));
        modelBuilder.Entity("ChromoFarm.Results.Entities.CellRecord", b => b.Navigation("Results"));
        modelBuilder.Entity("ChromoFarm.Results.Entities.CellResultRecord", b => b.Navigation("Chromosomes"));
    }
}
