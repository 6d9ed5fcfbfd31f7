using ChromoFarm.Security;

namespace ChromoFarm.Core.Tests.Security;

public sealed class PatientPseudonymsTests
{
    // The key "k" × 32. Expected values computed apart from this code (Python: hmac.new(key, id, sha256), the first
    // 10 bytes in base32, lower case).
    private static readonly PatientPseudonyms Pseudonyms = new(new string('k', 32));

    [Theory]
    [InlineData("patient-7", "p-kuszqimedef6furu")]
    [InlineData("case-b/slide-2", "p-s5djojw7rehqybrt")]
    [InlineData("", "p-uswy4naogk7r3ela")]
    public void A_patient_id_becomes_the_keyed_hash_checked_by_hand(string id, string pseudonym) =>
        Assert.Equal(pseudonym, Pseudonyms.Of(id));

    [Fact]
    public void The_same_id_under_another_key_is_another_pseudonym_and_one_key_is_stable()
    {
        var other = new PatientPseudonyms(new string('j', 32));
        Assert.NotEqual(Pseudonyms.Of("patient-7"), other.Of("patient-7"));
        Assert.Equal(Pseudonyms.Of("patient-7"), new PatientPseudonyms(new string('k', 32)).Of("patient-7"));
    }

    [Fact]
    public void A_short_key_is_refused_with_how_to_make_one()
    {
        var error = Assert.Throws<ArgumentException>(() => new PatientPseudonyms("lab-secret"));
        Assert.Equal("the pseudonym key must have at least 32 characters (got 10); make one with: openssl rand -base64 32", error.Message);
    }

    [Theory]
    [InlineData("patient-7/m1.png", "patient-7", "p-kuszqimedef6furu/m1.png")]
    [InlineData("case-b/slide-2/m1.jpg", "case-b/slide-2", "p-s5djojw7rehqybrt/m1.jpg")]
    [InlineData("crops/patient-7/c1/01.tif", "patient-7", "crops/p-kuszqimedef6furu/c1/01.tif")]
    // The file's own name is kept even when it contains the id: only folders are renamed.
    [InlineData("patient-7.png", "patient-7", "patient-7.png")]
    [InlineData("other/m1.png", "patient-7", "other/m1.png")]
    public void Folders_named_after_the_patient_are_renamed_in_stored_paths(string path, string id, string expected) =>
        Assert.Equal(expected, Pseudonyms.OfPath(path, id));
}
