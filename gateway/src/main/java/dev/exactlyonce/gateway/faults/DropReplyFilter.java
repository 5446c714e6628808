package dev.exactlyonce.gateway.faults;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.exactlyonce.gateway.routing.ApiFilter;

import org.springframework.core.annotation.Order;
import org.springframework.web.servlet.function.HandlerFunction;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * Drops the reply of an upstream call that succeeded while drops are pending. Only 2xx replies count:
 * the point is a call whose effect happened while its caller cannot know it.
 *
 * @param dropper how many replies are still to be dropped
 * @param meters where the drops are counted
 */
@Order(ApiFilter.FAULTS)
record DropReplyFilter(ReplyDropper dropper, MeterRegistry meters) implements ApiFilter {

    private static final Logger log = LoggerFactory.getLogger(DropReplyFilter.class);

    @Override
    public ServerResponse filter(ServerRequest request, HandlerFunction<ServerResponse> next) throws Exception {
        ServerResponse response = next.handle(request);
        if (response.statusCode().is2xxSuccessful() && dropper.takeOne()) {
            log.warn("Fault mode: dropping the reply to {} {} (bank-service answered {}); {} drops left",
                    request.method(), request.path(), response.statusCode().value(), dropper.pending());
            meters.counter("gateway.faults.dropped.replies").increment();
            return new DroppedReply(response);
        }
        return response;
    }
}
