using System.Text.RegularExpressions;

namespace InfraTests.Cli.Tests;

/// <summary>
/// What a terminal shows once output recorded under a pseudo-terminal has been played on it: just enough of VT100
/// (carriage return, line feed, cursor up and down, erase line, wrap at the width) to see what a spinner left on screen.
/// Colours and other escapes change nothing here.
/// </summary>
internal static partial class TerminalScreen
{
    /// <summary>The screen's lines, trailing spaces trimmed, after playing <paramref name="output"/>.</summary>
    public static IReadOnlyList<string> Replay(string output, int width = 80)
    {
        var rows = new List<List<char>>();
        var (row, column) = (0, 0);
        foreach (Match token in Token().Matches(output))
        {
            if (token.Groups["command"].Success)
            {
                var (arguments, count) = (token.Groups["args"].Value, int.TryParse(token.Groups["args"].Value, out var n) ? n : 1);
                switch (token.Groups["command"].Value)
                {
                    case "A":
                        row = Math.Max(0, row - count);
                        break;
                    case "B":
                        row += count;
                        break;
                    case "K" when arguments == "2":
                        Row(row).Clear();
                        break;
                    case "K":
                        var erased = Row(row);
                        erased.RemoveRange(Math.Min(column, erased.Count), Math.Max(0, erased.Count - column));
                        break;
                }

                continue;
            }

            switch (token.Value)
            {
                case "\r":
                    column = 0;
                    break;
                case "\n":
                    (row, column) = (row + 1, 0);
                    break;
                case var text when text[0] != '\u001b':
                    if (column >= width)
                    {
                        (row, column) = (row + 1, 0);
                    }

                    var line = Row(row);
                    while (line.Count <= column)
                    {
                        line.Add(' ');
                    }

                    line[column++] = text[0];
                    break;
            }
        }

        return rows.Select(r => new string([.. r]).TrimEnd()).ToList();

        List<char> Row(int index)
        {
            while (rows.Count <= index)
            {
                rows.Add([]);
            }

            return rows[index];
        }
    }

    [GeneratedRegex(@"\u001b\[(?<args>[?0-9;]*)(?<command>[A-Za-z])|\u001b[=>]|\r|\n|.", RegexOptions.Singleline)]
    private static partial Regex Token();
}
