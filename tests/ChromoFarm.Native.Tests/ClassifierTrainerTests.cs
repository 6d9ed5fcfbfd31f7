namespace ChromoFarm.Native.Tests;

public class ClassifierTrainerTests
{
    [Fact]
    public void A_train_step_on_a_small_batch_returns_a_finite_loss()
    {
        using var cell = Pki3Cell.Load(take: 12);
        var batch = Fill(cell);
        using var model = TestModels.CreateSmall();
        using var trainer = ClassifierTrainer.Create(model, new TrainerOptions(LearningRate: 1e-3f));

        var step = trainer.Step(batch, cell.Labels);

        Assert.True(float.IsFinite(step.Loss) && step.Loss > 0f, $"loss {step.Loss}");
        Assert.InRange(step.Correct, 0, batch.Count);
    }

    [Fact]
    public void Repeating_steps_on_the_same_batch_reduces_the_loss()
    {
        using var cell = Pki3Cell.Load(take: 12);
        var batch = Fill(cell);
        using var model = TestModels.CreateSmall();
        using var trainer = ClassifierTrainer.Create(model, new TrainerOptions(LearningRate: 3e-3f, WeightDecay: 0f));

        var losses = Enumerable.Range(0, 15).Select(_ => trainer.Step(batch, cell.Labels).Loss).ToArray();

        Assert.True(losses[^1] < 0.7f * losses[0], "losses: " + string.Join(", ", losses));
    }

    [Fact]
    public void Training_changes_the_predictions()
    {
        using var cell = Pki3Cell.Load(take: 6);
        var batch = Fill(cell);
        using var model = TestModels.CreateSmall();
        var before = model.Predict(batch);
        using var trainer = ClassifierTrainer.Create(model, new TrainerOptions());

        trainer.Step(batch, cell.Labels);

        Assert.NotEqual(before, model.Predict(batch));
    }

    [Fact]
    public void Class_weights_are_accepted_and_give_a_finite_loss()
    {
        using var cell = Pki3Cell.Load(take: 6);
        var batch = Fill(cell);
        using var model = TestModels.CreateSmall();
        using var trainer = ClassifierTrainer.Create(model, new TrainerOptions(LabelSmoothing: 0.1f));
        var weights = Enumerable.Range(0, NativeCore.NumClasses).Select(c => c < 22 ? 1f : 2f).ToArray();

        var step = trainer.Step(batch, cell.Labels, weights);

        Assert.True(float.IsFinite(step.Loss), $"loss {step.Loss}");
    }

    [Fact]
    public void The_learning_rate_can_be_changed_between_steps()
    {
        using var cell = Pki3Cell.Load(take: 4);
        var batch = Fill(cell);
        using var model = TestModels.CreateSmall();
        using var trainer = ClassifierTrainer.Create(model, new TrainerOptions(LearningRate: 1e-3f));

        trainer.LearningRate = 1e-4f;

        Assert.Equal(1e-4f, trainer.LearningRate);
        Assert.True(float.IsFinite(trainer.Step(batch, cell.Labels).Loss));
    }

    [Fact]
    public void A_label_outside_the_classes_is_refused()
    {
        using var cell = Pki3Cell.Load(take: 2);
        var batch = Fill(cell);
        using var model = TestModels.CreateSmall();
        using var trainer = ClassifierTrainer.Create(model, new TrainerOptions());

        Assert.Throws<ArgumentOutOfRangeException>(() => trainer.Step(batch, [0, NativeCore.NumClasses]));
    }

    [Fact]
    public void A_label_count_other_than_the_batch_count_is_refused()
    {
        using var cell = Pki3Cell.Load(take: 2);
        var batch = Fill(cell);
        using var model = TestModels.CreateSmall();
        using var trainer = ClassifierTrainer.Create(model, new TrainerOptions());

        Assert.Throws<ArgumentException>(() => trainer.Step(batch, [0]));
    }

    [Fact]
    public void The_trainer_keeps_working_after_its_model_is_disposed()
    {
        using var cell = Pki3Cell.Load(take: 4);
        var batch = Fill(cell);
        var model = TestModels.CreateSmall();
        using var trainer = ClassifierTrainer.Create(model, new TrainerOptions());

        model.Dispose();

        Assert.True(float.IsFinite(trainer.Step(batch, cell.Labels).Loss));
    }

    private static ClassifierBatch Fill(Pki3Cell cell)
    {
        var batch = new ClassifierBatch(cell.Count, TestModels.Canvas);
        cell.AppendTo(TestModels.Preprocessor, batch);
        return batch;
    }
}
