using FluentAssertions;
using InfraTests.Docs.Checking;

namespace InfraTests.Docs;

/// <summary><see cref="Repository"/>: the checkout found from below, its docs and its snippet files.</summary>
public sealed class RepositoryTests
{
    [Fact]
    public void Checkout_is_found_from_a_folder_below_it_with_every_doc_and_no_build_output()
    {
        using var repository = new TemporaryRepository(
            ("README.md", "# R\n"), ("docs/a.md", "# A\n"), ("src/Harness/README.md", "# H\n"), ("samples/s/README.md", "# S\n"),
            ("src/Harness/bin/Debug/README.md", "# built\n"), ("artifacts/pack/README.md", "# packed\n"),
            ("tests/DocSnippets/A.cs", "class A;\n"), ("tests/DocSnippets/obj/G.cs", "class G;\n"), ("tests/Unit/U.cs", "class U;\n"));

        var checkout = Repository.Locate(repository.PathOf("tests/DocSnippets"));

        checkout.Root.Should().Be(repository.Root);
        checkout.Docs().Select(d => d.Path).Should().Equal("README.md", "docs/a.md", "samples/s/README.md", "src/Harness/README.md");
        checkout.SnippetSources().Select(f => f.Path).Should().Equal("tests/DocSnippets/A.cs");
    }

    [Fact]
    public void Outside_a_checkout_the_failure_says_where_it_looked()
    {
        var outside = Directory.CreateTempSubdirectory("infratests-no-checkout-");
        try
        {
            var act = () => Repository.Locate(outside.FullName);

            act.Should().Throw<InvalidOperationException>().WithMessage($"No InfraTests.sln in {outside.FullName} or any folder above it*");
        }
        finally
        {
            outside.Delete();
        }
    }
}
