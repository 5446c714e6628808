package dev.exactlyonce.client.dashboard;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Moments as the pages show them, in one zone: the server's, which on a developer's machine is the reader's. */
final class Times {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMM HH:mm:ss", Locale.ENGLISH);

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ENGLISH);

    private final ZoneId zone;

    Times(ZoneId zone) {
        if (zone == null) {
            throw new IllegalArgumentException("zone must not be null");
        }
        this.zone = zone;
    }

    ZoneId zone() {
        return zone;
    }

    /** "23 Nov 10:01:00"; empty for no moment. */
    String when(Instant at) {
        return at == null ? "" : WHEN.format(at.atZone(zone));
    }

    /** "10:01:00"; empty for no moment. */
    String time(Instant at) {
        return at == null ? "" : TIME.format(at.atZone(zone));
    }
}
