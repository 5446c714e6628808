package dev.exactlyonce.client.dashboard.demo;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpSession;

import dev.exactlyonce.idempotency.IdempotencyKey;

import org.springframework.web.util.WebUtils;

/**
 * The keys of the demonstration's rendered steps that were already submitted in this session. The bank must
 * not de-duplicate the steps (sending a key again is what they show), so the second submission of one
 * rendered step is recognised here, and does nothing.
 */
final class StepKeys {

    private static final String SESSION_ATTRIBUTE = StepKeys.class.getName() + ".used";

    private static final int REMEMBERED = 200;

    private StepKeys() {
    }

    /** Whether {@code key} is seen here for the first time in this session; a malformed key never is. */
    static boolean firstUse(HttpSession session, String key) {
        if (!IdempotencyKey.isValid(key)) {
            return false;
        }
        synchronized (WebUtils.getSessionMutex(session)) {
            Map<String, Boolean> used = used(session);
            boolean first = used.putIfAbsent(key, Boolean.TRUE) == null;
            // Written back so that a replicated session store sees the change.
            session.setAttribute(SESSION_ATTRIBUTE, used);
            return first;
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Boolean> used(HttpSession session) {
        Object stored = session.getAttribute(SESSION_ATTRIBUTE);
        if (stored instanceof Map<?, ?> map) {
            return (Map<String, Boolean>) map;
        }
        return Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, false) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > REMEMBERED;
            }
        });
    }
}
