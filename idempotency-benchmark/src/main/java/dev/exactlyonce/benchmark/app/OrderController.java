package dev.exactlyonce.benchmark.app;

import java.net.URI;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * A trivial POST handler, as cheap as a real one can be: JSON in, JSON and a {@code Location} out. What the
 * endpoints cost beyond the plain one is then the starter's own cost.
 */
@RestController
class OrderController {

    private final AtomicLong ids = new AtomicLong();

    @PostMapping({ "/plain/orders", "/redis/orders", "/redis-window/orders", "/memory/orders" })
    ResponseEntity<Order> place(@RequestBody OrderRequest request) {
        long id = ids.incrementAndGet();
        return ResponseEntity.created(URI.create("/orders/" + id))
                .body(new Order(id, request.item(), request.quantity(), "PLACED"));
    }

    record OrderRequest(String item, int quantity) {
    }

    record Order(long id, String item, int quantity, String status) {
    }
}
