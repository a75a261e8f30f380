using FluentAssertions;
using InfraTests.Harness.Dns;

namespace InfraTests.Unit.Dns;

/// <summary>Reading a corpus: one entry a line, <c>#</c> comments and blank lines skipped, lines counted, read lazily.</summary>
public sealed class CorpusReadingTests : IDisposable
{
    private readonly DirectoryInfo scratch = Directory.CreateTempSubdirectory("infratests-corpus-");

    [Fact]
    public async Task Comments_blank_lines_and_trailing_dots_are_skipped_and_every_line_counted()
    {
        var corpus = Corpus.Of(["# spam traps, 2024", "spamtrap-000001.corpus.example   # seen twice", string.Empty, "   ", "192.0.2.10", "mx.example.net.", "\t# the end"]);

        (await EntriesAsync(corpus)).Should().Equal(
            new CorpusEntry("spamtrap-000001.corpus.example", 2), new CorpusEntry("192.0.2.10", 5), new CorpusEntry("mx.example.net", 6));
    }

    [Fact]
    public async Task IPv6_addresses_in_every_form_are_entries()
    {
        var corpus = Corpus.Of(["2001:db8::1", "2001:0DB8:0000:0000:0000:0000:0000:0007  # full form", "::ffff:192.0.2.10"]);

        (await EntriesAsync(corpus)).Should().Equal(
            new CorpusEntry("2001:db8::1", 1), new CorpusEntry("2001:0DB8:0000:0000:0000:0000:0000:0007", 2), new CorpusEntry("::ffff:192.0.2.10", 3));
    }

    [Fact]
    public async Task File_is_read_line_by_line_with_its_path_as_the_name()
    {
        var path = Write("traps.txt", "# header\r\nspamtrap-000001.corpus.example\r\n\r\nspamtrap-000002.corpus.example\r\n");

        var corpus = Corpus.ReadFile(path);

        corpus.Name.Should().Be(path);
        (await EntriesAsync(corpus)).Should().Equal(new CorpusEntry("spamtrap-000001.corpus.example", 2), new CorpusEntry("spamtrap-000002.corpus.example", 4));
    }

    [Fact]
    public async Task Bad_line_in_a_file_names_the_file_and_line()
    {
        var path = Write("traps.txt", "spamtrap-000001.corpus.example\n# fine so far\nbad_name!\n");

        var act = () => EntriesAsync(Corpus.ReadFile(path));

        (await act.Should().ThrowAsync<CorpusFormatException>()).Which.Message.Should().Be(
            $"{path}:3: 'bad_name!' is neither a host name nor an IP address: give a name like sh8.mailingliststart.com or an address like 192.0.2.10 or 2001:db8::1: fix or remove the line.");
    }

    [Theory]
    [InlineData("2001:db8::g", "<stdin>:2: '2001:db8::g' is not an IPv6 address (without a %scope): give one like 2001:db8::1 or ::ffff:192.0.2.10: fix or remove the line.")]
    [InlineData("fe80::1%eth0", "<stdin>:2: 'fe80::1%eth0' is not an IPv6 address (without a %scope)")]
    [InlineData("2001:db8:::1", "<stdin>:2: '2001:db8:::1' is not an IPv6 address")]
    [InlineData("10.1", "<stdin>:2: '10.1' is neither a host name nor an IP address")]
    [InlineData("two names.example", "<stdin>:2: 'two names.example' is neither a host name nor an IP address")]
    public async Task Entry_that_cannot_be_asked_about_stops_the_reading_at_its_line(string entry, string message)
    {
        var act = () => EntriesAsync(Corpus.Read(new StringReader($"ok.example\n{entry}\nnever.read.example\n")));

        (await act.Should().ThrowAsync<CorpusFormatException>()).Which.Message.Should().StartWith(message);
    }

    [Fact]
    public async Task Entry_of_a_list_in_memory_is_named_by_its_line_alone()
    {
        var act = () => EntriesAsync(Corpus.Of(["ok.example", "-bad-"]));

        (await act.Should().ThrowAsync<CorpusFormatException>()).Which.Message.Should().StartWith("line 2: '-bad-' is neither");
    }

    [Fact]
    public void Missing_file_fails_when_the_corpus_is_made()
    {
        var path = Path.Combine(scratch.FullName, "absent.txt");

        var act = () => Corpus.ReadFile(path);

        act.Should().Throw<CorpusFormatException>().WithMessage($"{path}: the corpus file does not exist: give the path of a file with one host name or IP address per line.");
    }

    [Fact]
    public async Task Endless_source_is_read_only_as_far_as_the_check_consumes_it()
    {
        var read = 0;
        var corpus = Corpus.Of(Endless());

        var first = new List<CorpusEntry>();
        await foreach (var entry in corpus.WithCancellation(TestContext.Current.CancellationToken))
        {
            first.Add(entry);
            if (first.Count == 3)
            {
                break;
            }
        }

        first.Select(e => e.Subject).Should().Equal("host-1.example", "host-2.example", "host-3.example");
        read.Should().Be(3, "nothing is read ahead of what is asked");

        IEnumerable<string> Endless()
        {
            for (var n = 1; ; n++)
            {
                read++;
                yield return $"host-{n}.example";
            }
        }
    }

    public void Dispose() => scratch.Delete(recursive: true);

    private static async Task<List<CorpusEntry>> EntriesAsync(Corpus corpus)
    {
        var entries = new List<CorpusEntry>();
        await foreach (var entry in corpus.WithCancellation(TestContext.Current.CancellationToken))
        {
            entries.Add(entry);
        }

        return entries;
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(scratch.FullName, name);
        File.WriteAllText(path, text);
        return path;
    }
}
