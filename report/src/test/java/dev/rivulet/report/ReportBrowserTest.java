package dev.rivulet.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rivulet.State;
import dev.rivulet.history.FlowRunRecord;
import dev.rivulet.history.TaskRunRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * Reports of real runs opened in a real browser (Debian's headless Chromium, through Selenium):
 * they load without a console error, their data model counts what the record holds, a click on a
 * run in the timeline, the graph or the table shows its details, markup in names and errors stays
 * text, and a report of 10,000 task runs loads quickly and draws only the rows in view. Screenshots
 * go to target/screenshots, the load times to target/screenshots/load-times.txt.
 */
class ReportBrowserTest {

    private static final Path OUTPUT = Path.of("target", "screenshots");

    private static HeadlessChromium chromium;

    @TempDir
    Path directory;

    @BeforeAll
    static void startBrowser() throws IOException {
        HeadlessChromium.assumeInstalled("the report's browser tests");
        chromium = HeadlessChromium.start();
        Files.createDirectories(OUTPUT);
        Files.deleteIfExists(OUTPUT.resolve("load-times.txt"));
    }

    @AfterAll
    static void stopBrowser() throws IOException {
        if (chromium != null) {
            chromium.close();
        }
    }

    @Test
    void aSmallRunShowsItsRunsGraphAndDetails() throws Exception {
        FlowRunRecord run = RecordedRuns.small(directory);
        ChromeDriver page = open(run, "small");

        FlowRunRecord load = run.subflows().get(0);
        Map<String, Object> model = model(page);
        assertThat(model).containsEntry("taskRuns", (long) run.taskRuns().size() + load.taskRuns().size())
                .containsEntry("nodes", (long) run.taskRuns().size() + load.taskRuns().size() + 1)
                .containsEntry("edges", (long) run.edges().size() + load.edges().size())
                .containsEntry("flows", 2L);
        assertThat(page.findElement(By.cssSelector("header h1")).getText()).contains(run.name()).contains("COMPLETED");
        assertThat(page.findElement(By.id("summary")).getText()).contains("Secret[DB_PASS]").doesNotContain(RecordedRuns.SECRET_VALUE);
        assertThat(page.findElement(By.id("logs")).getText()).contains("extracting 2026-12-01");

        timelineRow(page, "extract").click();
        TaskRunRecord extract = run.taskRuns().get(0);
        String details = details(page);
        assertThat(details).contains("task run").contains(extract.id()).contains(extract.result().toString()).contains("cache hit\nno")
                .contains("Attempts (1)").containsPattern("queued\n[0-9.]+ (µs|ms|s), from its creation to its start");

        graphNode(page, load.name()).click();
        assertThat(details(page)).contains("subflow run").contains("parameter total").contains(load.id());
        assertThat(page.findElement(By.cssSelector("#table-view .row.selected")).getText()).contains(load.name());

        noConsoleErrors("small");
        page.executeScript("window.scrollTo(0, 0)");
        chromium.screenshot(OUTPUT.resolve("small.png"));
    }

    @Test
    void aFailedRunShowsRetriesFailuresTheUpstreamFailureAndTheCacheHitAsText() throws Exception {
        FlowRunRecord run = RecordedRuns.failed(directory);
        assertThat(run.state()).isEqualTo(State.FAILED);
        ChromeDriver page = open(run, "failed");
        assertThat(model(page)).containsEntry("taskRuns", (long) run.taskRuns().size()).containsEntry("edges", (long) run.edges().size());

        tableRow(page, "extract").click();
        assertThat(details(page)).contains("CACHED").contains("cache hit\nyes");

        tableRow(page, "flaky").click();
        assertThat(details(page)).contains("Attempts (2)").contains("the source timed out, try again");

        TaskRunRecord check = run.taskRuns().stream().filter(t -> t.taskName().startsWith("check")).findFirst().orElseThrow();
        assertThat(check.name()).contains(RecordedRuns.MARKUP_NAME);
        timelineRow(page, "check-").click();
        String details = details(page);
        assertThat(details).contains(check.name()).contains("Attempts (2)").contains(RecordedRuns.SCRIPT_ERROR).contains("FAILED");
        assertThat(page.findElements(By.cssSelector("#details pre.failure"))).hasSize(2);

        tableRow(page, "publish").click();
        assertThat(details(page)).contains("started\nnever").contains("No attempt started").contains("UpstreamFailedException")
                .contains("its upstream run 'check-");

        // markup in a name, an error and a log line stayed text: no element was made of it, no script of it ran
        assertThat(page.findElements(By.cssSelector("img, #details script, #logs script"))).isEmpty();
        assertThat(page.executeScript("return window.pwned === undefined")).isEqualTo(true);
        assertThat(page.findElement(By.id("logs")).getText()).contains(RecordedRuns.MARKUP_NAME);

        noConsoleErrors("failed");
        tableRow(page, "check-").click();
        page.executeScript("window.scrollTo(0, 0)");
        chromium.screenshot(OUTPUT.resolve("failed.png"));
    }

    @Test
    void aRunOfTenThousandTaskRunsLoadsQuicklyAndDrawsOnlyTheRowsInView() throws Exception {
        FlowRunRecord run = RecordedRuns.fanOut(directory, 10_000);
        assertThat(run.taskRuns()).hasSize(10_000);
        Path file = directory.resolve("big.html");
        long start = System.nanoTime();
        RunReports.write(run, file);
        double writeMillis = (System.nanoTime() - start) / 1e6;
        long bytes = Files.size(file);
        assertThat(bytes).as("the report's size").isLessThan(5_000_000);

        double loadMillis = chromium.open(file);
        record("big", loadMillis, bytes, writeMillis);
        ChromeDriver page = chromium.driver();
        assertThat(model(page)).containsEntry("taskRuns", 10_000L).containsEntry("nodes", 10_000L).containsEntry("edges", 5_000L);
        assertThat(loadMillis).as("load event, ms (a generous bound; the figure is in load-times.txt)").isLessThan(10_000);

        @SuppressWarnings("unchecked")
        Map<String, Long> drawn = (Map<String, Long>) page.executeScript("return window.rivuletReport.drawn()");
        assertThat(drawn.values()).as("rows and nodes drawn").allSatisfy(count -> assertThat(count).isBetween(1L, 200L));

        // the last rows are drawn when scrolled to, and are clickable
        page.executeScript("const v = document.getElementById('table-view'); v.scrollTop = v.scrollHeight;");
        WebElement last = waitFor(page, By.cssSelector("#table-view .row[data-run='9999']"));
        String lastName = last.findElement(By.cssSelector("div")).getText();
        last.click();
        assertThat(page.executeScript("return window.rivuletReport.selected")).isEqualTo(9_999L);
        TaskRunRecord lastRun = run.taskRuns().stream().filter(t -> t.name().equals(lastName)).findFirst().orElseThrow();
        assertThat(details(page)).contains(lastRun.id()).contains(lastRun.taskName());

        noConsoleErrors("big");
        page.executeScript("window.scrollTo(0, 0)");
        chromium.screenshot(OUTPUT.resolve("big.png"));
    }

    private ChromeDriver open(FlowRunRecord run, String name) throws IOException, InterruptedException {
        Path file = directory.resolve(name + ".html");
        long start = System.nanoTime();
        RunReports.write(run, file);
        double writeMillis = (System.nanoTime() - start) / 1e6;
        record(name, chromium.open(file), Files.size(file), writeMillis);
        return chromium.driver();
    }

    private static void record(String name, double loadMillis, long bytes, double writeMillis) throws IOException {
        String line = String.format(Locale.ROOT, "%s: load=%.0fms html=%dKB write=%.0fms%n", name, loadMillis, bytes / 1000, writeMillis);
        System.out.print("report " + line);
        Files.writeString(OUTPUT.resolve("load-times.txt"), line, java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> model(ChromeDriver page) {
        return (Map<String, Object>) page.executeScript(
                "const r = window.rivuletReport; return {taskRuns: r.taskRuns, nodes: r.nodes, edges: r.edges, flows: r.flows};");
    }

    private static void noConsoleErrors(String report) {
        assertThat(chromium.consoleErrors()).as("console errors of the " + report + " report").isEmpty();
    }

    private static WebElement timelineRow(ChromeDriver page, String namePrefix) {
        return page.findElement(By.xpath("//div[@id='timeline-view']//div[@data-run][div[@class='label' and starts-with(text(), "
                + xpathLiteral(namePrefix) + ")]]"));
    }

    private static WebElement tableRow(ChromeDriver page, String namePrefix) {
        return page.findElement(By.xpath("//div[@id='table-view']//div[@data-run][div[1][starts-with(text(), " + xpathLiteral(namePrefix) + ")]]"));
    }

    private static WebElement graphNode(ChromeDriver page, String name) {
        return page.findElement(By.xpath("//*[local-name()='g' and @data-run][*[local-name()='title' and starts-with(text(), "
                + xpathLiteral(name + " (") + ")]]"));
    }

    private static String details(ChromeDriver page) {
        return page.findElement(By.id("details")).getText();
    }

    private static WebElement waitFor(ChromeDriver page, By by) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            List<WebElement> found = page.findElements(by);
            if (!found.isEmpty()) {
                return found.get(0);
            }
            Thread.sleep(20);
        }
        throw new AssertionError("nothing matched " + by + " within 2 s");
    }

    /** An XPath string literal of {@code text}, which may hold quotes of either kind. */
    private static String xpathLiteral(String text) {
        if (!text.contains("'")) {
            return "'" + text + "'";
        }
        if (!text.contains("\"")) {
            return "\"" + text + "\"";
        }
        return "concat('" + text.replace("'", "', \"'\", '") + "')";
    }
}
