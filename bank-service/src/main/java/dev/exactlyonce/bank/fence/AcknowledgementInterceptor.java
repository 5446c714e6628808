package dev.exactlyonce.bank.fence;

import java.security.Principal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import dev.exactlyonce.idempotency.IdempotencyHeaders;
import dev.exactlyonce.idempotency.InvalidIdempotencyKeyException;
import dev.exactlyonce.idempotency.KeyField;
import dev.exactlyonce.idempotency.web.Idempotent;

import org.springframework.stereotype.Component;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Hands the acknowledgement a keyed request carries ({@link KeyField}) to the fence's {@link Acknowledgements},
 * on every {@link Idempotent} endpoint, whether or not the Idempotency-Key filter runs in front. A field
 * without an acknowledgement, or with a malformed key (the handler refuses that), changes nothing here.
 */
@Component
class AcknowledgementInterceptor implements HandlerInterceptor, WebMvcConfigurer {

    private final Acknowledgements acknowledgements;

    AcknowledgementInterceptor(Acknowledgements acknowledgements) {
        this.acknowledgements = acknowledgements;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this);
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        // The handler first: an error dispatch (whose request may carry a header the firewall refuses) never
        // reaches an Idempotent handler.
        if (!(handler instanceof HandlerMethod method) || !method.hasMethodAnnotation(Idempotent.class)) {
            return true;
        }
        Principal client = request.getUserPrincipal();
        String value = request.getHeader(IdempotencyHeaders.KEY);
        if (client == null || value == null) {
            return true;
        }
        KeyField field;
        try {
            field = KeyField.parse(value);
        } catch (InvalidIdempotencyKeyException malformed) {
            return true;
        }
        if (field.acknowledged() > 0) {
            field.sequenced().ifPresent(key -> acknowledgements.add(client.getName(), key.session(), field.acknowledged()));
        }
        return true;
    }
}
