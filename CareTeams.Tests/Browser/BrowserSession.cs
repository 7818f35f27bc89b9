using System.Net;
using CareTeams.Tests.Infrastructure;
using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;
using OpenQA.Selenium.Support.UI;

namespace CareTeams.Tests.Browser;

/// <summary>The app with the demo county, started once for all browser tests (the README's `dotnet run` in-process, on a fresh SQLite file).</summary>
public sealed class DemoAppForBrowsers : IAsyncLifetime
{
    public RunningApp App { get; private set; } = default!;

    public async Task InitializeAsync() => App = await RunningApp.StartAsync(["--Demo:SeedOnEmptyDatabase=true"]);

    public async Task DisposeAsync() => await App.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<DemoAppForBrowsers>
{
    public const string Name = "Real browser";
}

/// <summary>
/// Debian's headless Chromium driven through its chromedriver (Selenium), against the running app.
/// Steps run inside <see cref="Run"/>: on a failure the page is saved as a screenshot and its path is
/// put in the failure message. Chromium and chromedriver come from apt (.ci/setup installs them).
/// </summary>
public sealed class BrowserSession : IDisposable
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);
    private const string ChromiumPath = "/usr/bin/chromium";
    private const string DriverFolder = "/usr/bin";
    private const string DriverName = "chromedriver";

    private readonly string _profile;
    private readonly string _testName;

    private BrowserSession(ChromeDriver driver, Uri baseAddress, string profile, string testName)
    {
        Driver = driver;
        BaseAddress = baseAddress;
        _profile = profile;
        _testName = testName;
    }

    public ChromeDriver Driver { get; }
    public Uri BaseAddress { get; }

    /// <summary>Where failure screenshots go: CareTeams.Tests/TestResults/screenshots beside the test output.</summary>
    public static string ScreenshotFolder { get; } =
        Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "TestResults", "screenshots"));

    public static BrowserSession Start(RunningApp app, string testName, int width = 1280, int height = 900)
    {
        if (!File.Exists(ChromiumPath) || !File.Exists(Path.Combine(DriverFolder, DriverName)))
            throw new InvalidOperationException(
                "The browser tests need Debian's chromium and chromium-driver: run `bash .ci/setup` (it installs them with apt).");
        var profile = Path.Combine(Path.GetTempPath(), "careteams-tests", "chromium-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(profile);
        var options = new ChromeOptions { BinaryLocation = ChromiumPath };
        options.AddArguments(
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--disable-dev-shm-usage", $"--user-data-dir={profile}", $"--window-size={width},{height}", "--lang=zh-CN");
        var service = ChromeDriverService.CreateDefaultService(DriverFolder, DriverName);
        service.SuppressInitialDiagnosticInformation = true;
        service.HideCommandPromptWindow = true;
        var driver = new ChromeDriver(service, options, TimeSpan.FromSeconds(60));
        driver.Manage().Timeouts().PageLoad = TimeSpan.FromSeconds(60);
        return new BrowserSession(driver, app.BaseAddress, profile, testName);
    }

    /// <summary>Runs a user's steps; a failure leaves a screenshot of what the user saw.</summary>
    public async Task Run(Func<Task> steps)
    {
        try
        {
            await steps();
        }
        catch (Exception e)
        {
            var file = SaveScreenshot();
            throw new Xunit.Sdk.XunitException($"{e.Message}\nScreenshot of the page: {file}\nURL: {SafeUrl()}\n{e}");
        }
    }

    public string SaveScreenshot()
    {
        try
        {
            Directory.CreateDirectory(ScreenshotFolder);
            var file = Path.Combine(ScreenshotFolder, $"{_testName}-{DateTime.UtcNow:yyyyMMdd-HHmmss}.png");
            Driver.GetScreenshot().SaveAsFile(file);
            return file;
        }
        catch (WebDriverException e)
        {
            return $"(no screenshot: {e.Message})";
        }
    }

    private string SafeUrl()
    {
        try { return Driver.Url; } catch (WebDriverException) { return "?"; }
    }

    /// <summary>Opens a page and waits until its circuit is up (the layout marks that with data-testid="interactive").</summary>
    public void Open(string path)
    {
        Driver.Navigate().GoToUrl(new Uri(BaseAddress, path.TrimStart('/')));
        WaitForInteractive();
    }

    public void WaitForInteractive() => Find("[data-testid='interactive']");

    public void SignIn(string userName, string password)
    {
        Driver.Navigate().GoToUrl(new Uri(BaseAddress, "Account/Login"));
        Find("#username").SendKeys(userName);
        Find("#password").SendKeys(password);
        Find("[data-testid='login-submit']").Click();
        Wait().Until(d => !d.Url.Contains("/Account/Login", StringComparison.OrdinalIgnoreCase));
        WaitForInteractive();
    }

    public IWebElement Find(string css) => Wait().Until(d =>
    {
        var found = d.FindElements(By.CssSelector(css));
        return found.FirstOrDefault(e => e.Displayed || e.GetAttribute("hidden") is not null);
    })!;

    public IReadOnlyList<IWebElement> FindAll(string css) => Driver.FindElements(By.CssSelector(css));

    /// <summary>Waits until the element's visible text contains <paramref name="text"/>.</summary>
    public IWebElement WaitForText(string css, string text) => Wait().Until(d =>
        d.FindElements(By.CssSelector(css)).FirstOrDefault(e => e.Displayed && e.Text.Contains(text, StringComparison.Ordinal)))!;

    public void WaitUntil(Func<bool> condition, string what)
    {
        try
        {
            Wait().Until(_ => condition());
        }
        catch (WebDriverTimeoutException)
        {
            throw new Xunit.Sdk.XunitException($"Waited {Patience.TotalSeconds:0} s for: {what}");
        }
    }

    /// <summary>Clicks once the element can take it (MudBlazor animates; a covered element refuses the click).</summary>
    public void Click(string css) => Wait().Until(d =>
    {
        try
        {
            var element = d.FindElements(By.CssSelector(css)).FirstOrDefault(e => e.Displayed && e.Enabled);
            if (element is null)
                return false;
            element.Click();
            return true;
        }
        catch (WebDriverException e) when (e is ElementClickInterceptedException or StaleElementReferenceException)
        {
            return false;
        }
    });

    /// <summary>
    /// Clicks, once it can take the click, the first visible element matching <paramref name="css"/> whose text contains
    /// <paramref name="text"/>: a tab, a radio's or a checkbox's label, a button known by its words.
    /// </summary>
    public void ClickText(string css, string text)
    {
        try
        {
            Wait().Until(d =>
            {
                try
                {
                    var element = d.FindElements(By.CssSelector(css)).FirstOrDefault(e => e.Displayed && e.Text.Contains(text, StringComparison.Ordinal));
                    if (element is null)
                        return false;
                    element.Click();
                    return true;
                }
                catch (WebDriverException e) when (e is ElementClickInterceptedException or ElementNotInteractableException)
                {
                    return false;
                }
            });
        }
        catch (WebDriverTimeoutException)
        {
            throw new Xunit.Sdk.XunitException($"Waited {Patience.TotalSeconds:0} s to click “{text}” ({css})");
        }
    }

    /// <summary>Types into the input of a MudBlazor field (the test id may sit on the input or its wrapper).</summary>
    public void Type(string css, string text)
    {
        var element = Find(css);
        var input = element.TagName is "input" or "textarea" ? element : element.FindElement(By.CssSelector("input, textarea"));
        // Select what is there and type over it: no intermediate empty value reaches the circuit (a numeric field would reset it).
        input.SendKeys(Keys.Control + "a");
        input.SendKeys(text);
    }

    /// <summary>
    /// Picks an item of a MudSelect as a user does: a click on the select opens its popover, then a click on the item
    /// (inside <c>.mud-popover-open</c>) whose text contains <paramref name="itemText"/>; waits until the popover has closed.
    /// The test id may sit on the select itself (MudBlazor puts it on the combobox) or on a wrapper around it.
    /// </summary>
    public void Choose(string css, string itemText)
    {
        const string OpenItems = ".mud-popover-open .mud-list-item";
        bool IsOpen() => Driver.FindElements(By.CssSelector(OpenItems)).Any(e => e.Displayed);
        // One click, then time for the circuit to open the list; clicked again only if it did not open.
        var deadline = DateTime.UtcNow + Patience;
        while (!IsOpen())
        {
            if (DateTime.UtcNow > deadline)
                throw new Xunit.Sdk.XunitException($"Waited {Patience.TotalSeconds:0} s for the list of {css} to open");
            try
            {
                var element = Find(css);
                var combobox = element.GetAttribute("role") == "combobox" ? element : element.FindElement(By.CssSelector("[role='combobox']"));
                combobox.Click();
            }
            catch (WebDriverException e) when (e is ElementClickInterceptedException or ElementNotInteractableException or StaleElementReferenceException)
            {
            }
            var opened = new WebDriverWait(Driver, TimeSpan.FromSeconds(5)) { PollingInterval = TimeSpan.FromMilliseconds(100) };
            try { opened.Until(_ => IsOpen()); } catch (WebDriverTimeoutException) { }
        }
        Wait().Until(d =>
        {
            try
            {
                var item = d.FindElements(By.CssSelector(OpenItems)).FirstOrDefault(e => e.Displayed && e.Text.Contains(itemText, StringComparison.Ordinal));
                if (item is null)
                    return false;
                item.Click();
                return true;
            }
            catch (WebDriverException e) when (e is ElementClickInterceptedException or ElementNotInteractableException)
            {
                return false;
            }
        });
        WaitUntil(() => !IsOpen(), $"the list to close after choosing “{itemText}”");
    }

    public string BodyText => Driver.FindElement(By.TagName("body")).Text;

    /// <summary>An HTTP client carrying the browser's cookies: downloads as the signed-in user would get them.</summary>
    public HttpClient DownloadClient()
    {
        var cookies = new CookieContainer();
        foreach (var cookie in Driver.Manage().Cookies.AllCookies)
            cookies.Add(BaseAddress, new System.Net.Cookie(cookie.Name, cookie.Value, "/"));
        return new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = BaseAddress };
    }

    private WebDriverWait Wait()
    {
        var wait = new WebDriverWait(Driver, Patience) { PollingInterval = TimeSpan.FromMilliseconds(100) };
        wait.IgnoreExceptionTypes(typeof(StaleElementReferenceException), typeof(NoSuchElementException));
        return wait;
    }

    public void Dispose()
    {
        try { Driver.Quit(); } catch (WebDriverException) { }
        Driver.Dispose();
        try { Directory.Delete(_profile, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
