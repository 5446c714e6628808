package dev.exactlyonce.idempotency.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a Spring MVC handler method (or every handler method of a controller) as requiring an
 * {@code Idempotency-Key}: the filter applies the protocol to every method and path it is mapped to.
 * Equivalent to listing those endpoints under {@code exactlyonce.idempotency.endpoints}.
 */
@Target({ ElementType.METHOD, ElementType.TYPE })
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface Idempotent {
}
