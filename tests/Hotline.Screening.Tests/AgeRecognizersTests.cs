using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace Hotline.Screening.Tests;

/// <summary>
/// Our English age reading checked against Microsoft.Recognizers.Text (npm @microsoft/recognizers-text-suite, which
/// the .NET package no longer restores here): wherever it finds an age, we find the same one at the same place.
/// </summary>
public sealed class AgeRecognizersTests
{
    private static readonly string[] Sentences =
    [
        "my 13 yo daughter is chatting with an older guy",
        "a 30 year old guy keeps texting my sister",
        "I am 16 years old and my dad hits me",
        "he is a 17-year-old boy from Durres",
        "she is fifteen years old",
        "the boy, 12 years of age, begs at the lights",
        "my son is seventeen years old and missing",
        "she's twenty-two years old",
        "my little brother is 8 years old",
        "im 14 years old and scared",
        "a 40-year-old man messages her",
        "my neighbour's kid is about six years old",
        "I'm 15 and I'm on the roof",
        "my friend is 15 and stays at his flat",
        "we waited 3 hours at the border",
        "he owes 4000 euro",
    ];

    [Fact]
    public async Task English_ages_agree_with_microsoft_recognizers()
    {
        var expected = await RecognizeAsync(Sentences);
        var compared = 0;
        for (var i = 0; i < Sentences.Length; i++)
        {
            var ours = Screener.Default.Screen(Sentences[i]).Entities.Where(e => e.Kind == EntityKind.Age).ToList();
            foreach (var (value, start) in expected[i])
            {
                compared++;
                Assert.True(ours.Any(e => e.Value == value.ToString(System.Globalization.CultureInfo.InvariantCulture) && e.Start >= start && e.Start <= start + 12),
                    $"\"{Sentences[i]}\": recognizers read age {value} at {start}; we read [{string.Join(", ", ours.Select(e => $"{e.Value}@{e.Start}"))}]");
            }
            // never an age where the recognizer sees none and no age words are used
            if (expected[i].Count == 0 && (Sentences[i].Contains("hours", StringComparison.Ordinal) || Sentences[i].Contains("euro", StringComparison.Ordinal)))
            {
                Assert.Empty(ours);
            }
        }
        Assert.True(compared >= 10, $"recognizers found only {compared} ages");
    }

    [Fact]
    public void We_also_read_the_ages_the_recognizer_leaves_out()
    {
        Assert.Equal(15, Screener.Default.Screen("I'm 15 and I'm on the roof").Age);
        Assert.Equal(15, Screener.Default.Screen("my friend is 15 and stays at his flat").Age);
        Assert.Equal(14, Screener.Default.Screen("im fourteen and bored").Age);
    }

    /// <summary>Runs recognizers-age.js (it finds node_modules by walking up to the folder with Hotline.sln).</summary>
    private static async Task<List<List<(int Value, int Start)>>> RecognizeAsync(string[] sentences)
    {
        var script = ScreeningPaths.Script("recognizers-age.js");
        var info = new ProcessStartInfo("node")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
        };
        info.ArgumentList.Add(script);
        Process process;
        try
        {
            process = Process.Start(info)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException("node is not installed; the age check runs the npm package @microsoft/recognizers-text-suite", e);
        }
        using (process)
        {
            var input = new StreamWriter(process.StandardInput.BaseStream, new UTF8Encoding(false));
            await input.WriteAsync(JsonSerializer.Serialize(sentences));
            await input.DisposeAsync();
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await process.WaitForExitAsync(timeout.Token);
            Assert.True(process.ExitCode == 0, $"recognizers-age.js failed ({process.ExitCode}): {await stderr}");
            using var doc = JsonDocument.Parse(await stdout);
            return [.. doc.RootElement.EnumerateArray().Select(list => list.EnumerateArray()
                .Select(a => (int.Parse(a.GetProperty("value").GetString()!, System.Globalization.CultureInfo.InvariantCulture), a.GetProperty("start").GetInt32())).ToList())];
        }
    }
}
