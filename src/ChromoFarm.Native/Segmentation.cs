using ChromoFarm.Native.Interop;

namespace ChromoFarm.Native;

/// <summary>The instances found in one metaphase, with their masks and crops.</summary>
public sealed class Segmentation : IDisposable
{
    private readonly SegmentationHandle _handle;

    internal Segmentation(SegmentationHandle handle)
    {
        _handle = handle;
        try
        {
            var count = Proxy.cf_segmentation_count(handle);
            var instances = new ChromosomeInstance[count];
            for (var i = 0; i < count; i++)
            {
                var native = Proxy.cf_segmentation_instance(handle, i);
                instances[i] = new ChromosomeInstance(
                    native.X, native.Y, native.Width, native.Height, native.Area, native.Length, native.NeedsReview != 0);
            }

            Instances = instances;
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    /// <summary>Number of instances.</summary>
    public int Count => Instances.Count;

    /// <summary>The instances, in the core's order.</summary>
    public IReadOnlyList<ChromosomeInstance> Instances { get; }

    /// <summary>The mask of instance <paramref name="index"/> over its bounding box: 255 inside, 0 outside.</summary>
    public byte[] Mask(int index)
    {
        var instance = InstanceAt(index);
        var mask = new byte[checked(instance.Width * instance.Height)];
        Proxy.cf_segmentation_mask(_handle, index, mask);
        return mask;
    }

    /// <summary>
    /// Instance <paramref name="index"/> cut out as a training-style crop (dark chromosome on
    /// white, outside the mask white), turned long axis vertical, its box grown by <paramref name="margin"/> px.
    /// </summary>
    public GreyImage Crop(int index, int margin = 0)
    {
        InstanceAt(index);
        ArgumentOutOfRangeException.ThrowIfNegative(margin);
        return new GreyImage(Proxy.cf_segmentation_crop(_handle, index, margin));
    }

    /// <inheritdoc />
    public void Dispose() => _handle.Dispose();

    private ChromosomeInstance InstanceAt(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
        return Instances[index];
    }
}
