package dev.exactlyonce.client.dashboard;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * Keeps what the browser showed when a test failed: a screenshot and the page's address and source, under
 * {@code target/screenshots/failed/}, so a red CI run can be read without running it again.
 */
final class FailureEvidence implements TestWatcher {

    private final Supplier<Browser> browser;

    FailureEvidence(Supplier<Browser> browser) {
        this.browser = browser;
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        Browser current = browser.get();
        if (current == null) {
            return;
        }
        String name = "failed/" + context.getRequiredTestClass().getSimpleName() + "-" + context.getDisplayName()
                .replaceAll("[^A-Za-z0-9]+", "");
        try {
            current.screenshot(name);
            Path page = Browser.SCREENSHOTS.resolve(name + ".html");
            Files.writeString(page, "<!-- " + current.driver().getCurrentUrl() + " -->\n" + current.driver().getPageSource());
        } catch (IOException | RuntimeException ex) {
            cause.addSuppressed(ex);
        }
    }
}
