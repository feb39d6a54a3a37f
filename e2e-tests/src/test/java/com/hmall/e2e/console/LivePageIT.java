package com.hmall.e2e.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import com.hmall.e2e.support.EndToEndTest;
import com.hmall.e2e.support.LocalSuite;
import com.hmall.e2e.support.StrangerSubscriber;
import com.hmall.e2e.support.SuiteEnvironment;

/**
 * The live page, the console's ({@code http://localhost:8080/}), in a real headless Chromium: what a
 * student clicks, and what the page then shows, drawn from the services' spans. Each test leaves a screenshot of the state it reached in
 * {@code e2e-tests/target/live-page/}; the ones in docs/images are copies of these.
 */
class LivePageIT extends EndToEndTest {

    private static final Duration PATIENCE = Duration.ofSeconds(20);
    private static final Path SCREENSHOTS = LocalSuite.repositoryRoot().resolve("e2e-tests/target/live-page");

    private static final List<String> CONSUMERS = List.of("trade-service", "notify-service", "points-service");

    private static WebDriver browser;

    private long userId;

    @BeforeAll
    static void openChromium() {
        String chromium = System.getenv().getOrDefault("CHROMIUM_BINARY", "/usr/bin/chromium");
        String chromedriver = System.getenv().getOrDefault("CHROMEDRIVER", "/usr/bin/chromedriver");
        assertThat(Path.of(chromium)).as("Chromium for the browser tests: apt-get install chromium chromium-driver")
                .isExecutable();
        assertThat(Path.of(chromedriver)).as("ChromeDriver for the browser tests: apt-get install chromium-driver")
                .isExecutable();
        ChromeOptions options = new ChromeOptions().setBinary(chromium).addArguments("--headless=new", "--no-sandbox",
                "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--window-size=1400,1000");
        ChromeDriverService driver = new ChromeDriverService.Builder().usingDriverExecutable(Path.of(chromedriver).toFile())
                .build();
        browser = new ChromeDriver(driver, options);
    }

    @AfterAll
    static void closeChromium() {
        if (browser != null) {
            browser.quit();
        }
    }

    @BeforeEach
    void openThePage() {
        userId = newUser(1_000_000);
        browser.get(services.console.baseUrl() + "/");
        waitFor(() -> "true".equals(find("body").getDomAttribute("data-ready")));
        // The knobs were reset behind the page's back: wait until it shows every service calm.
        for (var service : services.downstream()) {
            waitFor(() -> "UP".equals(find("[data-service='" + service.name() + "']").getDomAttribute("data-state"))
                    && !find("[data-service='" + service.name() + "'] input.outage").isSelected());
        }
    }

    @Test
    void shouldDrawASyncPaymentAsOneCallAfterAnother() throws IOException {
        chooseMode("sync");
        setLatencyOnThePage("trade-service", 50);
        setLatencyOnThePage("notify-service", 50);
        setLatencyOnThePage("points-service", 50);

        String payment = payOnThePage();

        waitFor(() -> "SUCCESS".equals(attribute(payment, "data-outcome")));
        assertThat(attribute(payment, "data-mode")).isEqualTo("sync");
        for (String step : List.of("deduct", "pay-order", "trade", "notify", "points")) {
            assertThat(stepState(payment, step)).as(step).isEqualTo("ok");
        }
        // The staircase: each follow-up's bar starts where the one before it ended.
        assertThat(barLeft(payment, "trade")).isLessThan(barLeft(payment, "notify"));
        assertThat(barLeft(payment, "notify")).isLessThan(barLeft(payment, "points"));
        screenshot("sync-success");
    }

    /**
     * Also: the answer to the outage knob comes once notify's consumers are cancelled, which can be
     * after a payment made meanwhile has failed. Held back here until then, it must not hide the
     * payment's failure.
     */
    @Test
    void shouldShowTheCascadingFailureInRedWhenNotifyIsDownInSyncMode() throws IOException {
        chooseMode("sync");
        holdBackKnobAnswers();
        find("[data-service='notify-service'] input.outage").click();
        waitForTheServiceToReportOutage("notify-service", true);

        String payment = payOnThePage();

        waitFor(() -> "DOWNSTREAM_FAILED".equals(attribute(payment, "data-outcome")));
        assertThat(stepState(payment, "trade")).isEqualTo("ok");
        assertThat(stepState(payment, "notify")).isEqualTo("failed");
        assertThat(stepState(payment, "points")).isNull();
        waitFor(() -> find("#message").getText().contains("DOWNSTREAM_FAILED"));

        WebElement notify = find("[data-service='notify-service']");
        assertThat(notify.getDomAttribute("data-applying")).isEqualTo("true");
        script("window.hmallReleaseKnobAnswers();");
        waitFor(() -> "false".equals(notify.getDomAttribute("data-applying")));
        assertThat(find("#message").getText()).contains("DOWNSTREAM_FAILED");
        waitFor(() -> "OUTAGE".equals(notify.getDomAttribute("data-state")));
        screenshot("sync-outage");
    }

    @Test
    void shouldAnswerEarlyInAsyncModeAndLetTheConsumersFillInAfter() throws IOException {
        chooseMode("async");
        setLatencyOnThePage("notify-service", 50);

        String payment = payOnThePage();

        waitFor(() -> "SUCCESS".equals(attribute(payment, "data-outcome")));
        assertThat(attribute(payment, "data-mode")).isEqualTo("async");
        waitFor(() -> "ok".equals(stepState(payment, "publish")) && CONSUMERS.stream()
                .allMatch(consumer -> "ok".equals(consumerState(payment, consumer))));
        // Each lane names the instance that handled the event, from its spans; the broker's one node shows.
        for (String consumer : CONSUMERS) {
            assertThat(consumerInstance(payment, consumer)).as("%s's instance", consumer)
                    .endsWith(":" + SuiteEnvironment.port(consumer));
        }
        assertThat(find("#nodes").getText()).startsWith("one node: rabbit@");
        screenshot("async-success");
    }

    @Test
    void shouldShowTheNotifyEffectDelayedInAsyncModeWhileNotifyIsDown() throws IOException {
        chooseMode("async");
        setOutageOnThePage("notify-service", true);

        String payment = payOnThePage();

        waitFor(() -> "SUCCESS".equals(attribute(payment, "data-outcome")));
        waitFor(() -> "ok".equals(consumerState(payment, "trade-service"))
                && "ok".equals(consumerState(payment, "points-service")));
        assertThat(consumerState(payment, "notify-service")).isEqualTo("waiting");
        WebElement notifyQueue = find("[data-queue='notify.pay.success.queue']");
        waitFor(() -> !List.of("", "0").contains(notifyQueue.getDomAttribute("data-messages")));
        screenshot("async-outage");

        setOutageOnThePage("notify-service", false);

        waitFor(() -> "ok".equals(consumerState(payment, "notify-service")));
        waitFor(() -> "0".equals(notifyQueue.getDomAttribute("data-messages")));
    }

    /** A subscriber nothing in the code base lists gets its own lane, from its first span. */
    @Test
    void shouldDrawALaneForASubscriberNobodyListed() throws Exception {
        chooseMode("async");
        try (StrangerSubscriber stranger = StrangerSubscriber.subscribe()) {
            String payment = payOnThePage();

            waitFor(() -> "ok".equals(consumerState(payment, StrangerSubscriber.SERVICE)));
            waitFor(() -> CONSUMERS.stream().allMatch(consumer -> "ok".equals(consumerState(payment, consumer))));
            assertThat(find("[data-queue='" + StrangerSubscriber.QUEUE + "']").getDomAttribute("data-messages"))
                    .isEqualTo("0");
            screenshot("async-new-subscriber");
        }
    }

    private void chooseMode(String mode) {
        find("#mode-" + mode).click();
        waitFor(() -> mode.equals(find("#mode").getDomAttribute("data-mode")));
    }

    private void setLatencyOnThePage(String service, int latencyMs) {
        WebElement latency = find("[data-service='" + service + "'] input.latency");
        latency.clear();
        latency.sendKeys(latencyMs + "\n");
        waitFor(() -> service(service).get("/demo/chaos").number("latencyMs") == latencyMs);
    }

    private void setOutageOnThePage(String service, boolean outage) {
        WebElement box = find("[data-service='" + service + "'] input.outage");
        if (box.isSelected() != outage) {
            box.click();
        }
        String state = outage ? "OUTAGE" : "UP";
        waitFor(() -> state.equals(find("[data-service='" + service + "']").getDomAttribute("data-state")));
        waitForTheServiceToReportOutage(service, outage);
    }

    /** The service itself (its GET /demo/chaos) says it is in outage, or not: its 503s have begun or ended. */
    private void waitForTheServiceToReportOutage(String service, boolean outage) {
        waitFor(() -> service(service).get("/demo/chaos").body().path("outage").asBoolean() == outage);
    }

    /**
     * Until {@code window.hmallReleaseKnobAnswers()}, the page gets the console's answers to its knob
     * changes late (each read in full first, so no timeout of the page's cuts it), as a slow outage
     * would answer. A page load undoes it.
     */
    private static void holdBackKnobAnswers() {
        script("""
                const original = window.fetch;
                const released = new Promise((release) => { window.hmallReleaseKnobAnswers = release; });
                window.fetch = (input, init) => {
                  const call = original(input, init);
                  if (init?.method !== 'PUT' || !String(input).endsWith('/chaos')) {
                    return call;
                  }
                  return call.then((response) => response.text().then((body) => released.then(
                      () => new Response(body, { status: response.status, headers: response.headers }))));
                };
                """);
    }

    private static Object script(String javaScript) {
        return ((JavascriptExecutor) browser).executeScript(javaScript);
    }

    private com.hmall.e2e.support.Services.Service service(String name) {
        return services.all().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }

    /** Pays a new order of this test's user with the form; returns the payOrderNo of its timeline. */
    private String payOnThePage() {
        fill("#pay-user", String.valueOf(userId));
        fill("#pay-amount", "1000");
        fill("#pay-password", PASSWORD);
        List<String> before = browser.findElements(By.cssSelector("#payments [data-payment]")).stream()
                .map(e -> e.getDomAttribute("data-payment")).toList();
        find("#pay-button").click();
        String[] created = new String[1];
        waitFor(() -> {
            created[0] = browser.findElements(By.cssSelector("#payments [data-payment]")).stream()
                    .map(e -> e.getDomAttribute("data-payment"))
                    .filter(no -> no != null && !no.isBlank() && !no.equals("null") && !before.contains(no))
                    .findFirst().orElse(null);
            return created[0] != null;
        });
        return created[0];
    }

    private static String attribute(String payOrderNo, String name) {
        return find("[data-payment='" + payOrderNo + "']").getDomAttribute(name);
    }

    private static String stepState(String payOrderNo, String step) {
        List<WebElement> rows = find("[data-payment='" + payOrderNo + "']").findElements(By.cssSelector("[data-step='" + step + "']"));
        return rows.isEmpty() ? null : rows.get(rows.size() - 1).getDomAttribute("data-state");
    }

    /** The state of the lane of a service that handled the payment's event. */
    private static String consumerState(String payOrderNo, String service) {
        List<WebElement> rows = find("[data-payment='" + payOrderNo + "']")
                .findElements(By.cssSelector("[data-step='consume'][data-service='" + service + "']"));
        return rows.isEmpty() ? null : rows.get(rows.size() - 1).getDomAttribute("data-state");
    }

    /** The instance (host:port) on the lane of a service that handled the payment's event. */
    private static String consumerInstance(String payOrderNo, String service) {
        List<WebElement> rows = find("[data-payment='" + payOrderNo + "']")
                .findElements(By.cssSelector("[data-step='consume'][data-service='" + service + "']"));
        return rows.isEmpty() ? null : rows.get(rows.size() - 1).getDomAttribute("data-instance");
    }

    private static int barLeft(String payOrderNo, String step) {
        return find("[data-payment='" + payOrderNo + "']").findElement(By.cssSelector("[data-step='" + step + "'] .bar")).getLocation().getX();
    }

    private static void fill(String selector, String value) {
        WebElement input = find(selector);
        input.clear();
        input.sendKeys(value);
    }

    private static WebElement find(String selector) {
        return browser.findElement(By.cssSelector(selector));
    }

    private static void waitFor(java.util.function.BooleanSupplier condition) {
        new WebDriverWait(browser, PATIENCE).ignoring(RuntimeException.class).until(b -> condition.getAsBoolean());
    }

    private static void screenshot(String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        Path shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(shot, SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }
}
