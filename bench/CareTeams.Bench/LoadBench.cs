using System.Diagnostics;
using System.Globalization;
using CareTeams.Web;
using CareTeams.Web.Data;
using CareTeams.Web.Data.Seeding;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenQA.Selenium;
using LogLevel = Microsoft.Extensions.Logging.LogLevel;
using OpenQA.Selenium.Chrome;

namespace CareTeams.Bench;

/// <summary>
/// A bounded load test on loopback: the app in this process on the demo county, and N signed-in Blazor
/// circuits held open by Debian's headless Chromium — each circuit a same-origin frame of a harness page,
/// spread over a few browsers signed in as different demo users — that page through the resident list and
/// open records (one action per frame every 3–9 s) for a few minutes. Reports the server's memory per circuit, response times as a user sees
/// them (click → the page changed), and errors (circuit failures, error UI shown, server errors logged).
///   dotnet run -c Release --project bench/CareTeams.Bench -- load [--circuits 200] [--minutes 3] [--browsers 4]
/// </summary>
internal static class LoadBench
{
    private static readonly string[] Users = ["nurse1", "doctor1", "nurse2", "doctor2"];

    public static async Task<int> RunAsync(IReadOnlyDictionary<string, string> options)
    {
        var circuits = Int(options, "circuits", 200);
        var minutes = double.Parse(options.TryGetValue("minutes", out var m) ? m : "3", CultureInfo.InvariantCulture);
        var browsers = Math.Min(Int(options, "browsers", 4), Users.Length);
        var folder = Path.Combine(Path.GetTempPath(), "careteams-bench-load-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var errors = new ErrorCounter();

        var builder = CareTeamsApp.CreateBuilder(
        [
            "--urls=http://127.0.0.1:0", "--environment=Testing", "--applicationName=CareTeams.Web",
            $"--ConnectionStrings:Sqlite=Data Source={Path.Combine(folder, "load.db")};Default Timeout=30",
            "--Demo:SeedOnEmptyDatabase=true", "--Logging:LogLevel:Default=Warning", "--Logging:LogLevel:Microsoft.AspNetCore=Warning",
        ], b =>
        {
            b.Services.AddSingleton(errors);
            b.Services.AddScoped<CircuitHandler, CountingCircuitHandler>();
            b.Logging.AddProvider(errors);
        });
        builder.WebHost.UseStaticWebAssets();
        await using var app = CareTeamsApp.Build(builder);
        await DatabaseInitializer.PrepareForWebAsync(app.Services, app.Configuration, app.Environment, app.Logger);
        await app.StartAsync();
        var baseAddress = new Uri(app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single().TrimEnd('/') + "/");
        Console.WriteLine($"App on {baseAddress} (demo county); {circuits} circuits over {browsers} browsers for {minutes} min");

        var (heapBefore, rssBefore) = Memory();
        var sessions = new List<ChromeDriver>();
        try
        {
            var perBrowser = (circuits + browsers - 1) / browsers;
            var openStarted = Stopwatch.StartNew();
            for (var b = 0; b < browsers; b++)
            {
                var driver = Browser(folder, b);
                sessions.Add(driver);
                SignIn(driver, baseAddress, Users[b]);
                var frames = Math.Min(perBrowser, circuits - (b * perBrowser));
                ((IJavaScriptExecutor)driver).ExecuteScript(HarnessScript, frames);
            }
            await WaitAsync(() => CountingCircuitHandler.Open >= circuits, TimeSpan.FromMinutes(5), $"{circuits} circuits to connect");
            foreach (var driver in sessions)
                await WaitAsync(() => (long)((IJavaScriptExecutor)driver).ExecuteScript("return window.loadHarness.ready();")! > 0, TimeSpan.FromMinutes(2), "frames to become interactive");
            Console.WriteLine($"{CountingCircuitHandler.Open} circuits open after {openStarted.Elapsed.TotalSeconds:F0} s");
            await Task.Delay(TimeSpan.FromSeconds(5));
            var (heapOpen, rssOpen) = Memory();

            foreach (var driver in sessions)
                ((IJavaScriptExecutor)driver).ExecuteScript("window.loadHarness.start();");
            var until = DateTime.UtcNow.AddMinutes(minutes);
            var peakCircuits = 0;
            long peakRss = rssOpen;
            while (DateTime.UtcNow < until)
            {
                await Task.Delay(TimeSpan.FromSeconds(10));
                peakCircuits = Math.Max(peakCircuits, CountingCircuitHandler.Open);
                peakRss = Math.Max(peakRss, Environment.WorkingSet);
                var done = sessions.Sum(d => (long)((IJavaScriptExecutor)d).ExecuteScript("return window.loadHarness.count();")!);
                Console.WriteLine($"  {DateTime.UtcNow:HH:mm:ss} circuits {CountingCircuitHandler.Open}, actions {done:N0}, server errors {errors.Count}");
            }
            var samples = new List<(string Kind, double Ms)>();
            var clientErrors = 0L;
            foreach (var driver in sessions)
            {
                var js = (IJavaScriptExecutor)driver;
                js.ExecuteScript("window.loadHarness.stop();");
                var raw = (IReadOnlyCollection<object>)js.ExecuteScript("return window.loadHarness.samples();")!;
                samples.AddRange(raw.Cast<IReadOnlyCollection<object>>().Select(s => (Convert.ToString(s.First(), CultureInfo.InvariantCulture)!, Convert.ToDouble(s.Last(), CultureInfo.InvariantCulture))));
                clientErrors += (long)js.ExecuteScript("return window.loadHarness.errors();")!;
            }
            var (heapAfter, rssAfter) = Memory();

            Console.WriteLine();
            Console.WriteLine($"| measure | value |");
            Console.WriteLine($"| --- | ---: |");
            Console.WriteLine($"| circuits held (peak) | {peakCircuits} |");
            Console.WriteLine($"| managed heap before → with circuits | {heapBefore / 1048576.0:F0} MB → {heapOpen / 1048576.0:F0} MB |");
            Console.WriteLine($"| server memory per circuit (managed heap) | {(heapOpen - heapBefore) / (double)circuits / 1024:F0} KB |");
            Console.WriteLine($"| process working set before → with circuits → peak | {rssBefore / 1048576.0:F0} → {rssOpen / 1048576.0:F0} → {peakRss / 1048576.0:F0} MB |");
            Console.WriteLine($"| working set per circuit | {(rssOpen - rssBefore) / (double)circuits / 1024:F0} KB |");
            foreach (var kind in samples.GroupBy(s => s.Kind).OrderBy(g => g.Key))
            {
                var sorted = kind.Select(s => s.Ms).Order().ToArray();
                Console.WriteLine($"| {kind.Key}: {sorted.Length:N0} actions, median / p95 / max | {Percentile(sorted, 0.5):F0} / {Percentile(sorted, 0.95):F0} / {sorted[^1]:F0} ms |");
            }
            Console.WriteLine($"| errors: server (logged errors, failed circuits) / client (error UI, timeouts) | {errors.Count} / {clientErrors} |");
            _ = heapAfter;
            _ = rssAfter;
            return errors.Count == 0 && clientErrors == 0 ? 0 : 1;
        }
        finally
        {
            foreach (var driver in sessions)
            {
                try { driver.Quit(); } catch (WebDriverException) { }
                driver.Dispose();
            }
            await app.StopAsync();
        }
    }

    /// <summary>
    /// Replaces the signed-in page with N frames of the resident list and a driver loop: every 3–9 s per
    /// frame, page the list forward, or open a random row's record and come back through the menu. Each
    /// action is timed from the click until the expected element shows.
    /// </summary>
    private const string HarnessScript = """
        const n = arguments[0];
        document.open(); document.write('<!DOCTYPE html><html><body style="margin:0"></body></html>'); document.close();
        const frames = [];
        for (let i = 0; i < n; i++) {
          const f = document.createElement('iframe');
          f.src = '/residents'; f.width = 900; f.height = 420; f.style.border = '0';
          document.body.appendChild(f); frames.push(f);
        }
        const samples = []; let errors = 0; let running = false; let count = 0;
        const q = (f, css) => f.contentDocument && f.contentDocument.querySelector(css);
        const shown = el => el && el.offsetParent !== null;
        const waitFor = (cond, ms) => new Promise(res => {
          const t0 = performance.now();
          const tick = () => { if (cond()) res(true); else if (performance.now() - t0 > ms) res(false); else setTimeout(tick, 25); };
          tick();
        });
        const act = async f => {
          if (shown(q(f, '#blazor-error-ui')) || shown(q(f, '#components-reconnect-modal'))) { errors++; return; }
          const onList = q(f, '[data-testid=resident-grid]');
          if (onList && Math.random() < 0.6) {
            const first = () => { const r = q(f, '[data-testid=resident-grid] tbody tr'); return r ? r.textContent : ''; };
            const before = first();
            const buttons = f.contentDocument.querySelectorAll('.mud-table-pagination-actions button');
            const next = buttons.length >= 3 ? buttons[2] : null;
            if (!next || next.disabled) { const firstPage = buttons[0]; if (firstPage && !firstPage.disabled) firstPage.click(); return; }
            const t0 = performance.now(); next.click();
            if (await waitFor(() => first() !== before && first() !== '', 15000)) samples.push(['page the resident list', performance.now() - t0]); else errors++;
          } else if (onList) {
            const rows = f.contentDocument.querySelectorAll('[data-testid=resident-grid] tbody tr');
            if (rows.length === 0) return;
            const t0 = performance.now(); rows[Math.floor(Math.random() * rows.length)].click();
            if (await waitFor(() => q(f, '[data-testid=resident-name]'), 15000)) samples.push(['open a resident record', performance.now() - t0]); else errors++;
          } else {
            const link = q(f, 'a[href="residents"]');
            if (!link) return;
            const t0 = performance.now(); link.click();
            if (await waitFor(() => q(f, '[data-testid=resident-grid] tbody tr'), 15000)) samples.push(['back to the resident list', performance.now() - t0]); else errors++;
          }
        };
        const loop = async f => {
          while (running) {
            await new Promise(r => setTimeout(r, 3000 + Math.random() * 6000));
            if (!running) break;
            try { await act(f); count++; } catch (e) { errors++; }
          }
        };
        window.loadHarness = {
          ready: () => frames.filter(f => q(f, '[data-testid=interactive]') && q(f, '[data-testid=resident-grid] tbody tr')).length === frames.length ? 1 : 0,
          start: () => { running = true; frames.forEach(f => loop(f)); },
          stop: () => { running = false; },
          count: () => count,
          samples: () => samples,
          errors: () => errors,
        };
        """;

    private static ChromeDriver Browser(string folder, int index)
    {
        var profile = Path.Combine(folder, $"chromium-{index}");
        Directory.CreateDirectory(profile);
        var options = new ChromeOptions { BinaryLocation = "/usr/bin/chromium" };
        options.AddArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
            "--disable-renderer-backgrounding", "--disable-background-timer-throttling", "--disable-backgrounding-occluded-windows",
            $"--user-data-dir={profile}", "--window-size=1280,900");
        var service = ChromeDriverService.CreateDefaultService("/usr/bin", "chromedriver");
        service.SuppressInitialDiagnosticInformation = true;
        var driver = new ChromeDriver(service, options, TimeSpan.FromMinutes(3));
        driver.Manage().Timeouts().PageLoad = TimeSpan.FromMinutes(2);
        driver.Manage().Timeouts().AsynchronousJavaScript = TimeSpan.FromMinutes(2);
        return driver;
    }

    private static void SignIn(ChromeDriver driver, Uri baseAddress, string user)
    {
        driver.Navigate().GoToUrl(new Uri(baseAddress, "Account/Login"));
        driver.FindElement(By.CssSelector("#username")).SendKeys(user);
        driver.FindElement(By.CssSelector("#password")).SendKeys(DemoSeeder.Password);
        driver.FindElement(By.CssSelector("[data-testid='login-submit']")).Click();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (driver.Url.Contains("/Account/Login", StringComparison.OrdinalIgnoreCase) && DateTime.UtcNow < deadline)
            Thread.Sleep(100);
    }

    private static async Task WaitAsync(Func<bool> condition, TimeSpan patience, string what)
    {
        var deadline = DateTime.UtcNow + patience;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"Waited {patience.TotalSeconds:F0} s for {what}.");
            await Task.Delay(250);
        }
    }

    private static (long Heap, long WorkingSet) Memory()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return (GC.GetTotalMemory(true), Process.GetCurrentProcess().WorkingSet64);
    }

    private static int Int(IReadOnlyDictionary<string, string> options, string name, int fallback) =>
        options.TryGetValue(name, out var text) ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;

    private static double Percentile(double[] sorted, double p)
    {
        var rank = p * (sorted.Length - 1);
        var low = (int)Math.Floor(rank);
        var high = Math.Min(low + 1, sorted.Length - 1);
        return sorted[low] + ((sorted[high] - sorted[low]) * (rank - low));
    }

    private sealed class CountingCircuitHandler(ErrorCounter errors) : CircuitHandler
    {
        private static int _open;
        public static int Open => Volatile.Read(ref _open);

        public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _open);
            return Task.CompletedTask;
        }

        public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken cancellationToken)
        {
            Interlocked.Decrement(ref _open);
            return Task.CompletedTask;
        }

        public override Task OnConnectionDownAsync(Circuit circuit, CancellationToken cancellationToken)
        {
            errors.Add();
            return Task.CompletedTask;
        }
    }

    /// <summary>Counts the server's error-level log entries (unhandled circuit exceptions land there) and dropped connections.</summary>
    private sealed class ErrorCounter : ILoggerProvider, ILogger
    {
        private int _count;
        public int Count => Volatile.Read(ref _count);
        public void Add() => Interlocked.Increment(ref _count);
        public ILogger CreateLogger(string categoryName) => this;
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
                return;
            Add();
            Console.Error.WriteLine($"[server {logLevel}] {formatter(state, exception)} {exception?.GetType().Name}: {exception?.Message}");
        }

        public void Dispose() { }
    }
}
