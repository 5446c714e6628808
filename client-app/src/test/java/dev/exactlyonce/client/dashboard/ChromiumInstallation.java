package dev.exactlyonce.client.dashboard;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Where the browser tests find Chromium and its driver: the paths named by {@code -Ddashboard.chromium} and
 * {@code -Ddashboard.chromedriver} when given, otherwise the first executable of the usual install paths
 * (Debian/Ubuntu packages, snap, Google Chrome, Homebrew, macOS applications).
 *
 * @param chromium the browser binary
 * @param chromedriver the matching WebDriver binary
 */
record ChromiumInstallation(Path chromium, Path chromedriver) {

    static final List<Path> USUAL_CHROMIUM = paths("/usr/bin/chromium", "/usr/bin/chromium-browser",
            "/usr/bin/google-chrome", "/usr/bin/google-chrome-stable", "/snap/bin/chromium", "/opt/google/chrome/chrome",
            "/Applications/Chromium.app/Contents/MacOS/Chromium",
            "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome");

    static final List<Path> USUAL_CHROMEDRIVER = paths("/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver",
            "/usr/lib/chromium-browser/chromedriver", "/snap/bin/chromium.chromedriver", "/usr/local/bin/chromedriver",
            "/opt/homebrew/bin/chromedriver");

    /** What a machine without it is told, in one line. */
    static final String NOT_FOUND = "The dashboard's browser tests need Chromium and chromedriver, and none were "
            + "found (looked at -Ddashboard.chromium / -Ddashboard.chromedriver and the usual paths). Install them with "
            + "`apt-get install -y chromium chromium-driver` (Debian/Ubuntu) or point those properties at them. "
            + "Without them the browser tests are skipped; with CI=true they fail.";

    /** On this machine, as the properties and the file system say. */
    static Optional<ChromiumInstallation> onThisMachine() {
        return find(System.getProperty("dashboard.chromium"), System.getProperty("dashboard.chromedriver"),
                Files::isExecutable);
    }

    static Optional<ChromiumInstallation> find(String chromium, String chromedriver, Predicate<Path> executable) {
        Optional<Path> browser = first(chromium, USUAL_CHROMIUM, executable);
        Optional<Path> driver = first(chromedriver, USUAL_CHROMEDRIVER, executable);
        return browser.isPresent() && driver.isPresent()
                ? Optional.of(new ChromiumInstallation(browser.get(), driver.get()))
                : Optional.empty();
    }

    /** The path given, if any (and then only it), else the first usual one that is executable. */
    private static Optional<Path> first(String given, List<Path> usual, Predicate<Path> executable) {
        List<Path> candidates = given != null ? List.of(Path.of(given)) : usual;
        return candidates.stream().filter(executable).findFirst();
    }

    private static List<Path> paths(String... paths) {
        return java.util.Arrays.stream(paths).map(Path::of).toList();
    }
}
