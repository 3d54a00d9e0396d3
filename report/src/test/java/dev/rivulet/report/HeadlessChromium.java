package dev.rivulet.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

/**
 * Debian's headless Chromium, driven through Debian's chromedriver by Selenium: both binaries are
 * named, so Selenium Manager never runs and nothing is downloaded. Each instance has a new, empty
 * profile, deleted when it is closed.
 */
final class HeadlessChromium implements AutoCloseable {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private final ChromeDriver driver;
    private final Path profile;

    private HeadlessChromium(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    /**
     * For a test that needs the browser: returns if both binaries are installed; otherwise, under
     * {@code CI=true} fails, since the build installs them there (install-chromium), and elsewhere
     * skips the test, saying so loudly on standard error.
     */
    static void assumeInstalled(String what) {
        if (Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER)) {
            return;
        }
        String missing = "Chromium is not installed (" + CHROMIUM + ", " + CHROMEDRIVER + "), so " + what
                + " cannot run: install Debian's chromium and chromium-driver (apt-get install chromium chromium-driver; "
                + "the build does it when run as root)";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new IllegalStateException(missing + ". Under CI=true these tests must run.");
        }
        System.err.println("!!! SKIPPED: " + missing + " !!!");
        org.junit.jupiter.api.Assumptions.abort(missing);
    }

    static HeadlessChromium start() throws IOException {
        Path profile = Files.createTempDirectory("rivulet-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        // As root, on a machine without a network or a display: no sandbox, no GPU, nothing fetched in the background.
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
                "--window-size=1400,1000", "--user-data-dir=" + profile);
        options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
        return new HeadlessChromium(driver, profile);
    }

    ChromeDriver driver() {
        return driver;
    }

    /** Opens {@code file} and waits for its load event; {@return the milliseconds from navigation start to the load event's end} */
    double open(Path file) throws InterruptedException {
        driver.get(file.toUri().toString());
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            Object loaded = driver.executeScript(
                    "const n = performance.getEntriesByType('navigation')[0]; return n && n.loadEventEnd > 0 ? n.loadEventEnd : null;");
            if (loaded != null) {
                return ((Number) loaded).doubleValue();
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(file + " did not reach its load event in 30 s");
            }
            Thread.sleep(20);
        }
    }

    /** {@return the browser console's entries at SEVERE (errors, failed requests) since the last call} */
    List<LogEntry> consoleErrors() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream().filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
                .toList();
    }

    Path screenshot(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
        return file;
    }

    @Override
    public void close() throws IOException {
        try {
            driver.quit();
        } finally {
            // The profile is the browser's scratch space; what cannot be removed (a file the ending browser still writes) stays in /tmp.
            try (var files = Files.walk(profile)) {
                for (Path path : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    path.toFile().delete();
                }
            } catch (IOException | java.io.UncheckedIOException ignored) {
                // best effort
            }
        }
    }
}
