package dev.exactlyonce.client.dashboard;

import java.nio.file.Path;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ChromiumInstallationTests {

    @Test
    void findsTheFirstUsualPathsThatAreExecutable() {
        Set<Path> installed = Set.of(Path.of("/usr/bin/chromium-browser"), Path.of("/usr/lib/chromium/chromedriver"),
                Path.of("/usr/local/bin/chromedriver"));

        assertThat(ChromiumInstallation.find(null, null, installed::contains)).contains(new ChromiumInstallation(
                Path.of("/usr/bin/chromium-browser"), Path.of("/usr/lib/chromium/chromedriver")));
    }

    @Test
    void aGivenPathIsTheOnlyOneLookedAt() {
        Set<Path> installed = Set.of(Path.of("/usr/bin/chromium"), Path.of("/usr/bin/chromedriver"));

        assertThat(ChromiumInstallation.find("/opt/chromium/chrome", null, installed::contains)).isEmpty();
        assertThat(ChromiumInstallation.find("/usr/bin/chromium", "/usr/bin/chromedriver", installed::contains))
                .isPresent();
    }

    @Test
    void aBrowserWithoutItsDriverIsNoInstallation() {
        assertThat(ChromiumInstallation.find(null, null, Set.of(Path.of("/usr/bin/chromium"))::contains)).isEmpty();
    }

    @Test
    void browserTestsRunWhereChromiumIsAndAreRequiredOnCi() {
        assertThat(SignedInBrowser.runs(true, false)).isTrue();
        assertThat(SignedInBrowser.runs(false, true)).as("CI=true: run, and fail saying what to install").isTrue();
        assertThat(SignedInBrowser.runs(false, false)).isFalse();
    }
}
