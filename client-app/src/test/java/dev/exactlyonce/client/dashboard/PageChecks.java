package dev.exactlyonce.client.dashboard;

import java.util.List;

/** Accessibility and layout checks a browser can make on the page it shows. */
final class PageChecks {

    /** Form controls without a label a screen reader would announce. */
    private static final String UNLABELLED = """
            return Array.from(document.querySelectorAll('input:not([type=hidden]), select, textarea'))
                .filter(el => !(el.labels && el.labels.length) && !el.getAttribute('aria-label')
                    && !el.getAttribute('aria-labelledby'))
                .map(el => el.id || el.name);
            """;

    /** Visible text whose contrast with the background behind it is under WCAG AA's 4.5:1. */
    private static final String LOW_CONTRAST = """
            function channel(v) { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); }
            function luminance(rgb) { return 0.2126 * channel(rgb[0]) + 0.7152 * channel(rgb[1]) + 0.0722 * channel(rgb[2]); }
            function parse(text) {
                const m = /rgba?\\(([^)]+)\\)/.exec(text || '');
                if (!m) { return null; }
                const p = m[1].split(',').map(parseFloat);
                return { rgb: p.slice(0, 3), alpha: p.length > 3 ? p[3] : 1 };
            }
            function background(el) {
                for (; el; el = el.parentElement) {
                    const c = parse(getComputedStyle(el).backgroundColor);
                    if (c && c.alpha > 0.5) { return c.rgb; }
                }
                return [255, 255, 255];
            }
            const failures = [];
            document.querySelectorAll('body *').forEach(el => {
                if (!Array.from(el.childNodes).some(n => n.nodeType === 3 && n.textContent.trim())) { return; }
                const box = el.getBoundingClientRect();
                if (box.width === 0 || box.height === 0 || el.closest('.visually-hidden, .skip-link')) { return; }
                const style = getComputedStyle(el);
                const fg = parse(el instanceof SVGElement ? style.fill : style.color);
                if (!fg) { return; }
                const a = luminance(fg.rgb), b = luminance(background(el));
                const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
                if (ratio < 4.5) {
                    failures.push(el.tagName + '.' + el.className + ' "' + el.textContent.trim().slice(0, 40) + '" '
                        + ratio.toFixed(2));
                }
            });
            return failures;
            """;

    private PageChecks() {
    }

    @SuppressWarnings("unchecked")
    static List<String> unlabelledControls(Browser browser) {
        return (List<String>) browser.script(UNLABELLED);
    }

    @SuppressWarnings("unchecked")
    static List<String> lowContrastText(Browser browser) {
        return (List<String>) browser.script(LOW_CONTRAST);
    }

    /**
     * What sticks out past the window's right edge, which on a phone means sideways scrolling; empty when
     * nothing does. Content inside a box that scrolls by itself does not count.
     */
    @SuppressWarnings("unchecked")
    static List<String> sticksOutSideways(Browser browser) {
        return (List<String>) browser.script("""
                if (document.documentElement.scrollWidth <= window.innerWidth + 1) { return []; }
                return Array.from(document.querySelectorAll('body *'))
                    .filter(el => el.getBoundingClientRect().right > window.innerWidth + 1)
                    .filter(el => !el.parentElement.closest('.table-wrap, svg'))
                    .map(el => el.tagName + '.' + el.className + '#' + el.id + ' right='
                        + Math.round(el.getBoundingClientRect().right))
                    .slice(0, 10);
                """);
    }
}
