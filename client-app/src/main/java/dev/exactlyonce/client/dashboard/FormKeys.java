package dev.exactlyonce.client.dashboard;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpSession;

import dev.exactlyonce.client.bank.IdempotencyKeys;

import org.springframework.stereotype.Component;
import org.springframework.web.util.WebUtils;

/**
 * Keys minted when a form is rendered. Money forms hand theirs to the journal, and the open-account form
 * to the bank, as the Idempotency-Key; the demonstration's own steps, which must not be de-duplicated by
 * the bank (sending a key again is what they show), remember theirs in the session, so the second
 * submission of one rendered step does nothing.
 */
@Component
class FormKeys {

    private static final String SESSION_ATTRIBUTE = FormKeys.class.getName() + ".used";

    private static final int REMEMBERED = 200;

    /** A new key: random, visible ASCII, far below the bank's 255-character limit. */
    static String mint() {
        return IdempotencyKeys.mint();
    }

    /** Whether {@code key} is seen here for the first time in this session; a missing key never is. */
    boolean firstUse(HttpSession session, String key) {
        if (key == null || key.isBlank() || key.length() > 255) {
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
