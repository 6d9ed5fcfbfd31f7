using ChromoFarm.Results.Entities;
using Microsoft.EntityFrameworkCore;

namespace ChromoFarm.Results;

/// <summary>The results database analysts query: cases → cells → results per model version → chromosomes.</summary>
/// <remarks>Table and column names are snake_case so that SQL reads naturally.</remarks>
public sealed class ResultsDbContext(DbContextOptions<ResultsDbContext> options) : DbContext(options)
{
    /// <summary>Longest model version stored: an ensemble's is its members' versions joined by '+' (about 53 each).</summary>
    public const int ModelVersionLength = 1000;

    public DbSet<CaseRecord> Cases => Set<CaseRecord>();

    public DbSet<CellRecord> Cells => Set<CellRecord>();

    public DbSet<CellResultRecord> CellResults => Set<CellResultRecord>();

    public DbSet<ChromosomeRecord> Chromosomes => Set<ChromosomeRecord>();

    public DbSet<ReviewRecord> Reviews => Set<ReviewRecord>();

    public DbSet<ReviewLabelRecord> ReviewLabels => Set<ReviewLabelRecord>();

    public DbSet<AuditRecord> Audit => Set<AuditRecord>();

    public DbSet<ApiKeyRecord> ApiKeys => Set<ApiKeyRecord>();

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
            e.Property(x => x.Submission).HasColumnName("submission");
            e.Property(x => x.Resends).HasColumnName("resends");
            e.HasIndex(x => new { x.CaseId, x.CellKey }).IsUnique();
            // The sweep looks for cells queued for long.
            e.HasIndex(x => new { x.Status, x.UpdatedAt });
            e.HasOne(x => x.Case).WithMany(c => c.Cells).HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<CellResultRecord>(e =>
        {
            e.ToTable("cell_results");
            e.Property(x => x.Id).HasColumnName("id");
            e.Property(x => x.CellId).HasColumnName("cell_id");
            e.Property(x => x.ModelVersion).HasColumnName("model_version").HasMaxLength(ModelVersionLength);
            e.Property(x => x.Karyotype).HasColumnName("karyotype").HasMaxLength(200);
            e.Property(x => x.ChromosomeCount).HasColumnName("chromosome_count");
            e.Property(x => x.IsNormal).HasColumnName("is_normal");
            e.Property(x => x.SexChromosomes).HasColumnName("sex_chromosomes").HasMaxLength(10);
            e.Property(x => x.CallConfidence).HasColumnName("call_confidence");
            e.Property(x => x.AlternativeKaryotype).HasColumnName("alternative_karyotype").HasMaxLength(200);
            e.Property(x => x.ReviewReasons).HasColumnName("review_reasons").HasMaxLength(200);
            e.Property(x => x.NeedsReview).HasColumnName("needs_review");
            e.Property(x => x.InputCheck).HasColumnName("input_check");
            e.Property(x => x.PriorsVersion).HasColumnName("priors_version").HasMaxLength(100);
            e.Property(x => x.MeanConfidence).HasColumnName("mean_confidence");
            e.Property(x => x.ChangedByAssignment).HasColumnName("changed_by_assignment");
            e.Property(x => x.ProcessingMilliseconds).HasColumnName("processing_ms");
            e.Property(x => x.SubmittedAt).HasColumnName("submitted_at");
            e.Property(x => x.CompletedAt).HasColumnName("completed_at");
            e.HasIndex(x => new { x.CellId, x.ModelVersion }).IsUnique();
            e.HasIndex(x => x.CompletedAt);
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
            e.Property(x => x.ImageKey).HasColumnName("image_key").HasMaxLength(64);
            e.Property(x => x.CutoutKey).HasColumnName("cutout_key").HasMaxLength(64);
            e.HasIndex(x => new { x.CellResultId, x.Index }).IsUnique();
            e.HasOne(x => x.CellResult).WithMany(r => r.Chromosomes).HasForeignKey(x => x.CellResultId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<ReviewRecord>(e =>
        {
            e.ToTable("reviews");
            e.Property(x => x.Id).HasColumnName("id");
            e.Property(x => x.CellResultId).HasColumnName("cell_result_id");
            e.Property(x => x.Revision).HasColumnName("revision");
            e.Property(x => x.Reviewer).HasColumnName("reviewer").HasMaxLength(200);
            e.Property(x => x.CreatedAt).HasColumnName("created_at");
            e.Property(x => x.Status).HasColumnName("status").HasConversion<string>().HasMaxLength(20);
            e.Property(x => x.Karyotype).HasColumnName("karyotype").HasMaxLength(200);
            e.Property(x => x.ChromosomeCount).HasColumnName("chromosome_count");
            e.Property(x => x.IsNormal).HasColumnName("is_normal");
            e.Property(x => x.SexChromosomes).HasColumnName("sex_chromosomes").HasMaxLength(10);
            e.Property(x => x.Note).HasColumnName("note");
            e.HasIndex(x => new { x.CellResultId, x.Revision }).IsUnique();
            e.HasOne(x => x.CellResult).WithMany(r => r.Reviews).HasForeignKey(x => x.CellResultId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<ReviewLabelRecord>(e =>
        {
            e.ToTable("review_labels");
            e.Property(x => x.Id).HasColumnName("id");
            e.Property(x => x.ReviewId).HasColumnName("review_id");
            e.Property(x => x.Index).HasColumnName("index");
            e.Property(x => x.Label).HasColumnName("label").HasMaxLength(8);
            e.Property(x => x.Added).HasColumnName("added");
            e.HasIndex(x => new { x.ReviewId, x.Index }).IsUnique();
            e.HasOne(x => x.Review).WithMany(r => r.Labels).HasForeignKey(x => x.ReviewId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<AuditRecord>(e =>
        {
            e.ToTable("audit_log");
            e.Property(x => x.Id).HasColumnName("id");
            e.Property(x => x.At).HasColumnName("at");
            e.Property(x => x.Actor).HasColumnName("actor").HasMaxLength(200);
            e.Property(x => x.Action).HasColumnName("action").HasMaxLength(40);
            e.Property(x => x.CaseKey).HasColumnName("case_key").HasMaxLength(200);
            e.Property(x => x.CellKey).HasColumnName("cell_key").HasMaxLength(200);
            e.Property(x => x.ModelVersion).HasColumnName("model_version").HasMaxLength(ModelVersionLength);
            e.Property(x => x.ReviewId).HasColumnName("review_id");
            e.Property(x => x.ChromosomeIndex).HasColumnName("chromosome_index");
            e.Property(x => x.OtherIndex).HasColumnName("other_index");
            e.Property(x => x.FromValue).HasColumnName("from_value").HasMaxLength(200);
            e.Property(x => x.ToValue).HasColumnName("to_value").HasMaxLength(200);
            e.Property(x => x.Detail).HasColumnName("detail");
            e.HasIndex(x => new { x.CaseKey, x.CellKey });
        });

        modelBuilder.Entity<ApiKeyRecord>(e =>
        {
            e.ToTable("api_keys");
            e.Property(x => x.Id).HasColumnName("id");
            e.Property(x => x.KeyId).HasColumnName("key_id").HasMaxLength(16);
            e.Property(x => x.KeyHash).HasColumnName("key_hash").HasMaxLength(64);
            e.Property(x => x.Name).HasColumnName("name").HasMaxLength(200);
            e.Property(x => x.Role).HasColumnName("role").HasMaxLength(20);
            e.Property(x => x.CreatedAt).HasColumnName("created_at");
            e.Property(x => x.ExpiresAt).HasColumnName("expires_at");
            e.Property(x => x.RevokedAt).HasColumnName("revoked_at");
            e.HasIndex(x => x.KeyId).IsUnique();
        });
    }
}
