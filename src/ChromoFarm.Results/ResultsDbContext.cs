using ChromoFarm.Results.Entities;
using Microsoft.EntityFrameworkCore;

namespace ChromoFarm.Results;

/// <summary>The results database analysts query: cases → cells → results per model version → chromosomes.</summary>
/// <remarks>Table and column names are snake_case so that SQL reads naturally.</remarks>
public sealed class ResultsDbContext(DbContextOptions<ResultsDbContext> options) : DbContext(options)
{
    public DbSet<CaseRecord> Cases => Set<CaseRecord>();

    public DbSet<CellRecord> Cells => Set<CellRecord>();

    public DbSet<CellResultRecord> CellResults => Set<CellResultRecord>();

    public DbSet<ChromosomeRecord> Chromosomes => Set<ChromosomeRecord>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);

        modelBuilder.Entity<CaseRecord>(e =>
        {
            e.ToTable("cases");
            e.Property(x => x.Id).HasColumnName("id");
            e.Property(x => x.CaseKey).HasColumnName("case_key").HasMaxLength(200);
            e.Property(x => x.CreatedAt).HasColumnName("created_at");
            e.HasIndex(x => x.CaseKey).IsUnique();
        });

        modelBuilder.Entity<CellRecord>(e =>
        {
            e.ToTable("cells");
            e.Property(x => x.Id).HasColumnName("id");
            e.Property(x => x.CaseId).HasColumnName("case_id");
            e.Property(x => x.CellKey).HasColumnName("cell_key").HasMaxLength(200);
            e.Property(x => x.SourceKind).HasColumnName("source_kind").HasMaxLength(20);
            e.Property(x => x.Status).HasColumnName("status").HasConversion<string>().HasMaxLength(20);
            e.Property(x => x.Error).HasColumnName("error");
            e.Property(x => x.CreatedAt).HasColumnName("created_at");
            e.Property(x => x.UpdatedAt).HasColumnName("updated_at");
            e.HasIndex(x => new { x.CaseId, x.CellKey }).IsUnique();
            e.HasOne(x => x.Case).WithMany(c => c.Cells).HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<CellResultRecord>(e =>
        {
            e.ToTable("cell_results");
            e.Property(x => x.Id).HasColumnName("id");
            e.Property(x => x.CellId).HasColumnName("cell_id");
            e.Property(x => x.ModelVersion).HasColumnName("model_version").HasMaxLength(100);
            e.Property(x => x.Karyotype).HasColumnName("karyotype").HasMaxLength(200);
            e.Property(x => x.ChromosomeCount).HasColumnName("chromosome_count");
            e.Property(x => x.IsNormal).HasColumnName("is_normal");
            e.Property(x => x.SexChromosomes).HasColumnName("sex_chromosomes").HasMaxLength(10);
            e.Property(x => x.CallConfidence).HasColumnName("call_confidence");
            e.Property(x => x.AlternativeKaryotype).HasColumnName("alternative_karyotype").HasMaxLength(200);
            e.Property(x => x.ReviewReasons).HasColumnName("review_reasons").HasMaxLength(200);
            e.Property(x => x.NeedsReview).HasColumnName("needs_review");
            e.Property(x => x.PriorsVersion).HasColumnName("priors_version").HasMaxLength(100);
            e.Property(x => x.MeanConfidence).HasColumnName("mean_confidence");
            e.Property(x => x.ChangedByAssignment).HasColumnName("changed_by_assignment");
            e.Property(x => x.ProcessingMilliseconds).HasColumnName("processing_ms");
            e.Property(x => x.SubmittedAt).HasColumnName("submitted_at");
            e.Property(x => x.CompletedAt).HasColumnName("completed_at");
            e.HasIndex(x => new { x.CellId, x.ModelVersion }).IsUnique();
            e.HasOne(x => x.Cell).WithMany(c => c.Results).HasForeignKey(x => x.CellId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<ChromosomeRecord>(e =>
        {
            e.ToTable("chromosomes");
            e.Property(x => x.Id).HasColumnName("id");
            e.Property(x => x.CellResultId).HasColumnName("cell_result_id");
            e.Property(x => x.Index).HasColumnName("index");
            e.Property(x => x.SourceName).HasColumnName("source_name");
            e.Property(x => x.Label).HasColumnName("label").HasMaxLength(2);
            e.Property(x => x.ArgmaxLabel).HasColumnName("argmax_label").HasMaxLength(2);
            e.Property(x => x.Confidence).HasColumnName("confidence");
            e.Property(x => x.ArgmaxProbability).HasColumnName("argmax_probability");
            e.Property(x => x.Length).HasColumnName("length");
            e.Property(x => x.Area).HasColumnName("area");
            e.Property(x => x.BoxX).HasColumnName("box_x");
            e.Property(x => x.BoxY).HasColumnName("box_y");
            e.Property(x => x.BoxWidth).HasColumnName("box_width");
            e.Property(x => x.BoxHeight).HasColumnName("box_height");
            e.Property(x => x.NeedsReview).HasColumnName("needs_review");
            e.HasIndex(x => new { x.CellResultId, x.Index }).IsUnique();
            e.HasOne(x => x.CellResult).WithMany(r => r.Chromosomes).HasForeignKey(x => x.CellResultId).OnDelete(DeleteBehavior.Cascade);
        });
    }
}
