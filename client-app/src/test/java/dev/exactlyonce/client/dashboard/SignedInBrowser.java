package dev.exactlyonce.client.dashboard;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

import org.springframework.test.context.junit.jupiter.SpringExtension;

/**
 * One headless browser signed in to the class's client-app, shared by the class's tests: opened before the
 * first, closed after the last. When a test fails, what the browser showed is kept (a screenshot, the page's
 * address and source) under {@code target/screenshots/failed/}, so a red CI run can be read without
 * running it again.
 */
final class SignedInBrowser implements ExecutionCondition, BeforeAllCallback, AfterAllCallback, TestWatcher {

    /** Whether the one line saying the browser tests did not run was printed in this JVM. */
    private static final AtomicBoolean TOLD = new AtomicBoolean();

    private final String user;

    private Browser browser;

    private SignedInBrowser(String user) {
        this.user = user;
    }

    /** Signed in as {@code user}, whose password in the local profile is the same word. */
    static SignedInBrowser as(String user) {
        return new SignedInBrowser(user);
    }

    /**
     * Runs the class's tests where Chromium is installed, and on CI ({@code CI=true}) whether or not: there a
     * missing browser must fail the build. Elsewhere, README's test command passes on a machine with only a JDK
     * and says once that the browser tests did not run.
     */
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (runs(ChromiumInstallation.onThisMachine().isPresent(), "true".equalsIgnoreCase(System.getenv("CI")))) {
            return ConditionEvaluationResult.enabled("Chromium found, or required on CI");
        }
        if (TOLD.compareAndSet(false, true)) {
            tellTheBuild();
        }
        return ConditionEvaluationResult.disabled(ChromiumInstallation.NOT_FOUND);
    }

    /** For the build to print after the tests (client-app/pom.xml): surefire keeps test output in files. */
    private static void tellTheBuild() {
        try {
            Files.writeString(Path.of("target", "browser-tests-not-run.txt"), ChromiumInstallation.NOT_FOUND);
        } catch (IOException ex) {
            throw new UncheckedIOException("Could not write the note that the browser tests did not run", ex);
        }
    }

    static boolean runs(boolean chromiumInstalled, boolean onCi) {
        return chromiumInstalled || onCi;
    }

    Browser get() {
        if (browser == null) {
            throw new IllegalStateException("The browser opens before the first test of the class");
        }
        return browser;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        int port = SpringExtension.getApplicationContext(context).getEnvironment()
                .getRequiredProperty("local.server.port", Integer.class);
        browser = Browser.open("http://127.0.0.1:" + port);
        browser.signIn(user, user);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (browser != null) {
            browser.close();
            browser = null;
        }
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        if (browser == null) {
            return;
        }
        String name = "failed/" + context.getRequiredTestClass().getSimpleName() + "-" + context.getDisplayName()
                .replaceAll("[^A-Za-z0-9]+", "");
        try {
            browser.screenshot(name);
            Path page = Browser.SCREENSHOTS.resolve(name + ".html");
            Files.writeString(page, "<!-- " + browser.driver().getCurrentUrl() + " -->\n" + browser.driver().getPageSource());
        } catch (IOException | RuntimeException ex) {
            cause.addSuppressed(ex);
        }
    }
}
