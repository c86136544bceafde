package io.detectionhub.testsupport;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.detectionhub.security.Role;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Base of the browser tests: one headless Debian Chromium per test class, driven by the system chromedriver (no
 * driver download). Tests skip when Chromium is not installed (src/test/setup/install-chromium.sh installs it). The
 * browser signs in once, through the real sign-in page, as the test account of {@link #role()} (admin unless a test
 * says otherwise).
 */
public abstract class BrowserTest {

    static final File CHROMIUM = new File("/usr/bin/chromium");
    static final File CHROMEDRIVER = new File("/usr/bin/chromedriver");
    public static final Dimension LAPTOP = new Dimension(1366, 900);
    public static final Dimension PHONE = new Dimension(390, 844);

    protected static WebDriver driver;
    protected static Path downloadDir;
    private static Path profileDir;
    private static String signedIn;

    @LocalServerPort
    protected int port;

    @Autowired
    protected TestCredentials credentials;

    @BeforeAll
    static void startBrowser() throws IOException {
        boolean installed = CHROMIUM.canExecute() && CHROMEDRIVER.canExecute();
        // On CI the build installs Chromium itself (process-test-classes): a missing browser is a failure there,
        // not a reason to skip the page tests silently.
        if ("true".equals(System.getenv("CI")) && !installed) {
            throw new IllegalStateException("Chromium/chromedriver missing on CI: src/test/setup/install-chromium.sh did not install them");
        }
        assumeTrue(installed, "Chromium not installed: run src/test/setup/install-chromium.sh");
        profileDir = Files.createTempDirectory("dh-chromium-profile");
        downloadDir = Files.createTempDirectory("dh-chromium-downloads");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--disable-dev-shm-usage", "--user-data-dir=" + profileDir);
        // the browser's console (CSP violations are reported there): SecurityPagesBrowserTest reads it
        options.setCapability("goog:loggingPrefs", Map.of("browser", "ALL"));
        options.setExperimentalOption("prefs", Map.of(
                "download.default_directory", downloadDir.toString(),
                "download.prompt_for_download", false));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER)
                .usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        signedIn = null;
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    }

    @AfterAll
    static void stopBrowser() throws IOException {
        if (driver != null) {
            driver.quit();
            driver = null;
        }
        deleteTree(profileDir);
        deleteTree(downloadDir);
    }

    @BeforeEach
    void laptopWindow() {
        driver.manage().window().setSize(LAPTOP);
    }

    @BeforeEach
    void signedIn() {
        String who = port + ":" + role();
        if (who.equals(signedIn)) {
            return;
        }
        signIn(TestCredentials.username(role()), TestCredentials.password(role()));
        waitUpTo(10).until(ExpectedConditions.not(ExpectedConditions.urlContains("/login")));
        signedIn = who;
    }

    /** Whom the browser signs in as. */
    protected Role role() {
        return Role.ADMIN;
    }

    /** Fills and sends the sign-in form (the page the app shows, with its CSRF token). */
    protected void signIn(String username, String password) {
        credentials.bearer(role()); // creates the test accounts in this context's database
        driver.manage().deleteAllCookies();
        open("/login");
        driver.findElement(By.id("username")).sendKeys(username);
        driver.findElement(By.id("password")).sendKeys(password);
        driver.findElement(By.id("sign-in-submit")).click();
    }

    /** A client of the REST API signed in as the browser's account's role (an API key). */
    protected TestApi api() {
        return new TestApi(port, credentials.bearer(role()));
    }

    protected String url(String path) {
        return "http://localhost:" + port + path;
    }

    protected void open(String path) {
        driver.get(url(path));
    }

    protected Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    protected WebDriverWait waitUpTo(int seconds) {
        return new WebDriverWait(driver, Duration.ofSeconds(seconds));
    }

    /** The page is no wider than the window (nothing forces sideways scrolling). */
    protected void assertNoHorizontalOverflow() {
        long scrollWidth = ((Number) js("return document.documentElement.scrollWidth;")).longValue();
        long innerWidth = ((Number) js("return window.innerWidth;")).longValue();
        assertTrue(scrollWidth <= innerWidth,
                "page " + driver.getCurrentUrl() + " is " + scrollWidth + "px wide in a " + innerWidth + "px window");
    }

    private static void deleteTree(Path dir) throws IOException {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
