package dev.exactlyonce.client.dashboard;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;

import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real headless Chromium driven by Selenium, as DESIGN.md §5 prescribes, found by {@link ChromiumInstallation}.
 * On a machine without it the browser tests do not run and the build says so in one line; with {@code CI=true}
 * they run anyway and fail with a message saying what to install (see {@link SignedInBrowser}).
 */
final class Browser implements AutoCloseable {

    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    static final Dimension DESKTOP = new Dimension(1280, 900);

    static final Dimension PHONE = new Dimension(390, 844);

    private final ChromeDriver driver;

    private final String base;

    private Browser(ChromeDriver driver, String base) {
        this.driver = driver;
        this.base = base;
    }

    static Browser open(String base) {
        ChromiumInstallation installation = ChromiumInstallation.onThisMachine()
                .orElseThrow(() -> new IllegalStateException(ChromiumInstallation.NOT_FOUND));
        System.setProperty("webdriver.chrome.driver", installation.chromedriver().toString());
        ChromeOptions options = new ChromeOptions();
        options.setBinary(installation.chromium().toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--window-size=" + DESKTOP.getWidth() + "," + DESKTOP.getHeight());
        ChromeDriver driver = new ChromeDriver(options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
        return new Browser(driver, base);
    }

    WebDriver driver() {
        return driver;
    }

    Browser go(String path) {
        driver.get(base + path);
        return this;
    }

    String path() {
        return driver.getCurrentUrl().substring(base.length());
    }

    void signIn(String user, String password) {
        go("/login");
        type(By.id("username"), user);
        type(By.id("password"), password);
        driver.findElement(By.cssSelector("form button[type=submit]")).click();
        waitUntil(ExpectedConditions.urlContains("/dashboard"));
    }

    WebElement find(By by) {
        return driver.findElement(by);
    }

    List<WebElement> findAll(By by) {
        return driver.findElements(by);
    }

    String text(By by) {
        return driver.findElement(by).getText();
    }

    void type(By by, String text) {
        WebElement field = driver.findElement(by);
        field.clear();
        field.sendKeys(text);
    }

    void select(By by, String value) {
        new Select(driver.findElement(by)).selectByValue(value);
    }

    Object script(String script, Object... arguments) {
        return ((JavascriptExecutor) driver).executeScript(script, arguments);
    }

    <T> T waitUntil(Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, Duration.ofSeconds(20)).until(condition::apply);
    }

    <T> T waitUntil(Duration timeout, Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, timeout).until(condition::apply);
    }

    /** Resizes the window and waits until the page is laid out at the new width. */
    void resize(Dimension size) {
        driver.manage().window().setSize(size);
        waitUntil(Duration.ofSeconds(5), any -> ((Number) script("return window.innerWidth")).intValue() == size.getWidth());
    }

    /**
     * Saves the whole page (not only the viewport) as {@code target/screenshots/<name>.png}: the window grows
     * to the page's height for the shot and shrinks back after.
     */
    Path screenshot(String name) {
        Dimension before = driver.manage().window().getSize();
        try {
            long height = ((Number) script("return Math.ceil(document.documentElement.scrollHeight)")).longValue();
            long chrome = ((Number) script("return window.outerHeight - window.innerHeight")).longValue();
            driver.manage().window().setSize(new Dimension(before.getWidth(),
                    (int) Math.min(Math.max(height + chrome, before.getHeight()), 6000)));
            Path file = SCREENSHOTS.resolve(name + ".png");
            Files.createDirectories(file.getParent());
            Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), file, StandardCopyOption.REPLACE_EXISTING);
            return file;
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        } finally {
            driver.manage().window().setSize(before);
        }
    }

    @Override
    public void close() {
        driver.quit();
    }
}
