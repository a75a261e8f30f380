using FluentAssertions;
using InfraTests.Harness.Text;

namespace InfraTests.Unit.Text;

/// <summary><see cref="TextDiff"/>: counts as <c>git diff --stat</c> gives them and hunks as <c>diff -u</c> prints them.</summary>
public sealed class TextDiffTests
{
    private static readonly string Twenty = Lines([.. Enumerable.Range(1, 20).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture))]);

    [Fact]
    public void Same_text_is_an_empty_diff_and_formats_as_nothing()
    {
        var diff = TextDiff.Between("a\nb\n", "a\nb\n");

        diff.IsEmpty.Should().BeTrue();
        diff.Insertions.Should().Be(0);
        diff.Deletions.Should().Be(0);
        diff.Format("a/x", "b/x").Should().BeEmpty();
    }

    [Fact]
    public void Crlf_and_lf_line_ends_are_the_same_text()
    {
        TextDiff.Between("a\r\nb\r\n", "a\nb\n").IsEmpty.Should().BeTrue();
    }

    [Fact]
    public void Changed_line_counts_as_one_deletion_and_one_insertion()
    {
        var diff = TextDiff.Between("a\nb\nc\n", "a\nB\nc\nd\n");

        diff.Insertions.Should().Be(2);
        diff.Deletions.Should().Be(1);
        diff.IsEmpty.Should().BeFalse();
    }

    [Fact]
    public void Change_is_shown_with_three_lines_of_context_under_git_style_labels()
    {
        var diff = TextDiff.Between(Lines("a", "b", "c", "d", "e", "f"), Lines("a", "b", "c", "D", "e", "f"));

        diff.Format("a/zone", "b/zone").Should().Be(Lines(
            "--- a/zone",
            "+++ b/zone",
            "@@ -1,6 +1,6 @@",
            " a",
            " b",
            " c",
            "-d",
            "+D",
            " e",
            " f"));
    }

    [Fact]
    public void Changes_far_apart_get_a_hunk_each()
    {
        var after = Twenty.Replace("\n2\n", "\ntwo\n", StringComparison.Ordinal).Replace("\n19\n", "\nnineteen\n", StringComparison.Ordinal);

        TextDiff.Between(Twenty, after).Format("a", "b").Should().Be(Lines(
            "--- a", "+++ b",
            "@@ -1,5 +1,5 @@", " 1", "-2", "+two", " 3", " 4", " 5",
            "@@ -16,5 +16,5 @@", " 16", " 17", " 18", "-19", "+nineteen", " 20"));
    }

    [Fact]
    public void Hunks_whose_context_meets_are_merged()
    {
        var after = Twenty.Replace("\n5\n", "\nfive\n", StringComparison.Ordinal).Replace("\n12\n", "\ntwelve\n", StringComparison.Ordinal);

        TextDiff.Between(Twenty, after).Format("a", "b").Should().Be(Lines(
            "--- a", "+++ b",
            "@@ -2,14 +2,14 @@", " 2", " 3", " 4", "-5", "+five", " 6", " 7", " 8", " 9", " 10", " 11", "-12", "+twelve", " 13", " 14", " 15"));
    }

    [Fact]
    public void Hunks_seven_unchanged_lines_apart_stay_separate()
    {
        var after = Twenty.Replace("\n5\n", "\nfive\n", StringComparison.Ordinal).Replace("\n13\n", "\nthirteen\n", StringComparison.Ordinal);

        TextDiff.Between(Twenty, after).Format("a", "b").Should().Be(Lines(
            "--- a", "+++ b",
            "@@ -2,7 +2,7 @@", " 2", " 3", " 4", "-5", "+five", " 6", " 7", " 8",
            "@@ -10,7 +10,7 @@", " 10", " 11", " 12", "-13", "+thirteen", " 14", " 15", " 16"));
    }

    [Fact]
    public void Missing_final_newline_is_marked_as_diff_marks_it()
    {
        var diff = TextDiff.Between("a\nb", "a\nb\n");

        diff.Format("a", "b").Should().Be(Lines("--- a", "+++ b", "@@ -1,2 +1,2 @@", " a", "-b", "\\ No newline at end of file", "+b"));
        diff.Insertions.Should().Be(1);
        diff.Deletions.Should().Be(1);
    }

    [Fact]
    public void Text_added_to_an_empty_file_is_all_insertions_from_line_zero()
    {
        var diff = TextDiff.Between(string.Empty, "x\ny\nz\n");

        diff.Format("a", "b").Should().Be(Lines("--- a", "+++ b", "@@ -0,0 +1,3 @@", "+x", "+y", "+z"));
        diff.Insertions.Should().Be(3);
        diff.Deletions.Should().Be(0);
    }

    [Fact]
    public void Text_emptied_is_all_deletions_to_line_zero()
    {
        TextDiff.Between("x\ny\n", string.Empty).Format("a", "b").Should().Be(Lines("--- a", "+++ b", "@@ -1,2 +0,0 @@", "-x", "-y"));
    }

    [Fact]
    public void One_line_ranges_drop_the_count_and_empty_ones_name_the_line_before()
    {
        TextDiff.Between("a\nb\nc\n", "a\nc\n").Format("a", "b", context: 0).Should().Be(Lines("--- a", "+++ b", "@@ -2 +1,0 @@", "-b"));
    }

    private static string Lines(params string[] lines) => string.Join('\n', lines) + "\n";
}
