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
            NpgsqlPropertyBuilderExtensions.UseIdentityByDefaultColumn(b.Property<long>("Id").ValueGeneratedOnAdd().HasColumnName("id"));
            b.Property<string>("CaseKey").IsRequired().HasMaxLength(200).HasColumnName("case_key");
            b.Property<DateTimeOffset>("CreatedAt").HasColumnName("created_at");
            b.HasKey("Id");
            b.HasIndex("CaseKey").IsUnique();
            b.ToTable("cases");
        });

        modelBuilder.Entity("ChromoFarm.Results.Entities.CellRecord", b =>
        {
            NpgsqlPropertyBuilderExtensions.UseIdentityByDefaultColumn(b.Property<long>("Id").ValueGeneratedOnAdd().HasColumnName("id"));
            b.Property<long>("CaseId").HasColumnName("case_id");
            b.Property<string>("CellKey").IsRequired().HasMaxLength(200).HasColumnName("cell_key");
            b.Property<DateTimeOffset>("CreatedAt").HasColumnName("created_at");
            b.Property<string>("Error").HasColumnName("error");
            b.Property<int>("Resends").HasColumnName("resends");
            b.Property<string>("SourceKind").IsRequired().HasMaxLength(20).HasColumnName("source_kind");
            b.Property<string>("Status").IsRequired().HasMaxLength(20).HasColumnName("status");
            b.Property<string>("Submission").HasColumnName("submission");
            b.Property<DateTimeOffset>("UpdatedAt").HasColumnName("updated_at");
            b.HasKey("Id");
            b.HasIndex("CaseId", "CellKey").IsUnique();
            b.HasIndex("Status", "UpdatedAt");
            b.ToTable("cells");
        });

        modelBuilder.Entity("ChromoFarm.Results.Entities.CellResultRecord", b =>
        {
            NpgsqlPropertyBuilderExtensions.UseIdentityByDefaultColumn(b.Property<long>("Id").ValueGeneratedOnAdd().HasColumnName("id"));
            b.Property<long>("CellId").HasColumnName("cell_id");
            b.Property<int>("ChangedByAssignment").HasColumnName("changed_by_assignment");
            b.Property<int>("ChromosomeCount").HasColumnName("chromosome_count");
            b.Property<DateTimeOffset>("CompletedAt").HasColumnName("completed_at");
            b.Property<string>("AlternativeKaryotype").HasMaxLength(200).HasColumnName("alternative_karyotype");
            b.Property<double>("CallConfidence").HasColumnName("call_confidence");
            b.Property<bool>("IsNormal").HasColumnName("is_normal");
            b.Property<bool>("NeedsReview").HasColumnName("needs_review");
            b.Property<string>("InputCheck").HasColumnName("input_check");
            b.Property<string>("PriorsVersion").IsRequired().HasMaxLength(100).HasColumnName("priors_version");
            b.Property<string>("ReviewReasons").IsRequired().HasMaxLength(200).HasColumnName("review_reasons");
            b.Property<string>("SexChromosomes").IsRequired().HasMaxLength(10).HasColumnName("sex_chromosomes");
            b.Property<string>("Karyotype").IsRequired().HasMaxLength(200).HasColumnName("karyotype");
            b.Property<double>("MeanConfidence").HasColumnName("mean_confidence");
            b.Property<string>("ModelVersion").IsRequired().HasMaxLength(1000).HasColumnName("model_version");
            b.Property<double>("ProcessingMilliseconds").HasColumnName("processing_ms");
            b.Property<DateTimeOffset>("SubmittedAt").HasColumnName("submitted_at");
            b.HasKey("Id");
            b.HasIndex("CellId", "ModelVersion").IsUnique();
            b.HasIndex("CompletedAt");
            b.ToTable("cell_results");
        });

        modelBuilder.Entity("ChromoFarm.Results.Entities.ChromosomeRecord", b =>
        {
            NpgsqlPropertyBuilderExtensions.UseIdentityByDefaultColumn(b.Property<long>("Id").ValueGeneratedOnAdd().HasColumnName("id"));
            b.Property<double>("Area").HasColumnName("area");
            b.Property<string>("ArgmaxLabel").IsRequired().HasMaxLength(2).HasColumnName("argmax_label");
            b.Property<double>("ArgmaxProbability").HasColumnName("argmax_probability");
            b.Property<int?>("BoxHeight").HasColumnName("box_height");
            b.Property<int?>("BoxWidth").HasColumnName("box_width");
            b.Property<int?>("BoxX").HasColumnName("box_x");
            b.Property<int?>("BoxY").HasColumnName("box_y");
            b.Property<long>("CellResultId").HasColumnName("cell_result_id");
            b.Property<double>("Confidence").HasColumnName("confidence");
            b.Property<int>("Index").HasColumnName("index");
            b.Property<string>("Label").IsRequired().HasMaxLength(2).HasColumnName("label");
            b.Property<double>("Length").HasColumnName("length");
            b.Property<bool>("NeedsReview").HasColumnName("needs_review");
            b.Property<string>("SourceName").IsRequired().HasColumnName("source_name");
            b.Property<string>("ImageKey").HasMaxLength(64).HasColumnName("image_key");
            b.Property<string>("CutoutKey").HasMaxLength(64).HasColumnName("cutout_key");
            b.HasKey("Id");
            b.HasIndex("CellResultId", "Index").IsUnique();
            b.ToTable("chromosomes");
        });

        modelBuilder.Entity("ChromoFarm.Results.Entities.ReviewRecord", b =>
        {
            NpgsqlPropertyBuilderExtensions.UseIdentityByDefaultColumn(b.Property<long>("Id").ValueGeneratedOnAdd().HasColumnName("id"));
            b.Property<long>("CellResultId").HasColumnName("cell_result_id");
            b.Property<int>("ChromosomeCount").HasColumnName("chromosome_count");
            b.Property<DateTimeOffset>("CreatedAt").HasColumnName("created_at");
            b.Property<bool>("IsNormal").HasColumnName("is_normal");
            b.Property<string>("Karyotype").IsRequired().HasMaxLength(200).HasColumnName("karyotype");
            b.Property<string>("Note").HasColumnName("note");
            b.Property<int>("Revision").HasColumnName("revision");
            b.Property<string>("Reviewer").IsRequired().HasMaxLength(200).HasColumnName("reviewer");
            b.Property<string>("SexChromosomes").IsRequired().HasMaxLength(10).HasColumnName("sex_chromosomes");
            b.Property<string>("Status").IsRequired().HasMaxLength(20).HasColumnName("status");
            b.HasKey("Id");
            b.HasIndex("CellResultId", "Revision").IsUnique();
            b.ToTable("reviews");
        });

        modelBuilder.Entity("ChromoFarm.Results.Entities.ReviewLabelRecord", b =>
        {
            NpgsqlPropertyBuilderExtensions.UseIdentityByDefaultColumn(b.Property<long>("Id").ValueGeneratedOnAdd().HasColumnName("id"));
            b.Property<bool>("Added").HasColumnName("added");
            b.Property<int>("Index").HasColumnName("index");
            b.Property<string>("Label").IsRequired().HasMaxLength(8).HasColumnName("label");
            b.Property<long>("ReviewId").HasColumnName("review_id");
            b.HasKey("Id");
            b.HasIndex("ReviewId", "Index").IsUnique();
            b.ToTable("review_labels");
        });

        modelBuilder.Entity("ChromoFarm.Results.Entities.AuditRecord", b =>
        {
            NpgsqlPropertyBuilderExtensions.UseIdentityByDefaultColumn(b.Property<long>("Id").ValueGeneratedOnAdd().HasColumnName("id"));
            b.Property<string>("Action").IsRequired().HasMaxLength(40).HasColumnName("action");
            b.Property<string>("Actor").IsRequired().HasMaxLength(200).HasColumnName("actor");
            b.Property<DateTimeOffset>("At").HasColumnName("at");
            b.Property<string>("CaseKey").HasMaxLength(200).HasColumnName("case_key");
            b.Property<string>("CellKey").HasMaxLength(200).HasColumnName("cell_key");
            b.Property<int?>("ChromosomeIndex").HasColumnName("chromosome_index");
            b.Property<string>("Detail").HasColumnName("detail");
            b.Property<string>("FromValue").HasMaxLength(200).HasColumnName("from_value");
            b.Property<string>("ModelVersion").HasMaxLength(1000).HasColumnName("model_version");
            b.Property<int?>("OtherIndex").HasColumnName("other_index");
            b.Property<long?>("ReviewId").HasColumnName("review_id");
            b.Property<string>("ToValue").HasMaxLength(200).HasColumnName("to_value");
            b.HasKey("Id");
            b.HasIndex("CaseKey", "CellKey");
            b.ToTable("audit_log");
        });

        modelBuilder.Entity("ChromoFarm.Results.Entities.ApiKeyRecord", b =>
        {
            NpgsqlPropertyBuilderExtensions.UseIdentityByDefaultColumn(b.Property<long>("Id").ValueGeneratedOnAdd().HasColumnName("id"));
            b.Property<DateTimeOffset>("CreatedAt").HasColumnName("created_at");
            b.Property<DateTimeOffset?>("ExpiresAt").HasColumnName("expires_at");
            b.Property<string>("KeyHash").IsRequired().HasMaxLength(64).HasColumnName("key_hash");
            b.Property<string>("KeyId").IsRequired().HasMaxLength(16).HasColumnName("key_id");
            b.Property<string>("Name").IsRequired().HasMaxLength(200).HasColumnName("name");
            b.Property<DateTimeOffset?>("RevokedAt").HasColumnName("revoked_at");
            b.Property<string>("Role").IsRequired().HasMaxLength(20).HasColumnName("role");
            b.HasKey("Id");
            b.HasIndex("KeyId").IsUnique();
            b.ToTable("api_keys");
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

        modelBuilder.Entity("ChromoFarm.Results.Entities.ReviewRecord", b =>
        {
            b.HasOne("ChromoFarm.Results.Entities.CellResultRecord", "CellResult").WithMany("Reviews").HasForeignKey("CellResultId").OnDelete(DeleteBehavior.Cascade).IsRequired();
            b.Navigation("CellResult");
        });

        modelBuilder.Entity("ChromoFarm.Results.Entities.ReviewLabelRecord", b =>
        {
            b.HasOne("ChromoFarm.Results.Entities.ReviewRecord", "Review").WithMany("Labels").HasForeignKey("ReviewId").OnDelete(DeleteBehavior.Cascade).IsRequired();
            b.Navigation("Review");
        });

        modelBuilder.Entity("ChromoFarm.Results.Entities.CaseRecord", b => b.Navigation("Cells"));
        modelBuilder.Entity("ChromoFarm.Results.Entities.ReviewRecord", b => b.Navigation("Labels"));
        modelBuilder.Entity("ChromoFarm.Results.Entities.CellRecord", b => b.Navigation("Results"));
        modelBuilder.Entity("ChromoFarm.Results.Entities.CellResultRecord", b =>
        {
            b.Navigation("Chromosomes");
            b.Navigation("Reviews");
        });
    }
}
