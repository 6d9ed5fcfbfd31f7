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
    [InlineData("crops\\patient-7\\c1\\01.tif", "patient-7", "crops/p-kuszqimedef6furu/c1/01.tif")]
    // Inside names too (a cell id, a file named after the patient): Pki-3 names its cells 97002023.12.
    [InlineData("patient-7.12", "patient-7", "p-kuszqimedef6furu.12")]
    [InlineData("patient-7.12/clase1_0_patient-7.12.tiff", "patient-7", "p-kuszqimedef6furu.12/clase1_0_p-kuszqimedef6furu.12.tiff")]
    [InlineData("other/m1.png", "patient-7", "other/m1.png")]
    public void The_patient_id_is_replaced_wherever_it_occurs_in_a_cell_id_or_stored_path(string text, string id, string expected) =>
        Assert.Equal(expected, Pseudonyms.Within(text, id));

    [Fact]
    public void A_short_id_is_replaced_only_as_a_whole_name_or_folder()
    {
        // "p12" inside "p123.png" is not the patient.
        var pseudonym = Pseudonyms.Of("p12");
        Assert.Equal($"{pseudonym}/p123.png", Pseudonyms.Within("p12/p123.png", "p12"));
        Assert.Equal(pseudonym, Pseudonyms.Within("p12", "p12"));
    }
}
