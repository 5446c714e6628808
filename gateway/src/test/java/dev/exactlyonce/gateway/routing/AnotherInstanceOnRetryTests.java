package dev.exactlyonce.gateway.routing;

import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.DefaultRequest;
import org.springframework.cloud.client.loadbalancer.RequestData;
import org.springframework.cloud.client.loadbalancer.RequestDataContext;
import org.springframework.cloud.gateway.server.mvc.common.MvcUtils;
import org.springframework.cloud.loadbalancer.support.ServiceInstanceListSuppliers;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.util.LinkedMultiValueMap;

import static org.assertj.core.api.Assertions.assertThat;

class AnotherInstanceOnRetryTests {

    ServiceInstance first = instance(18081);

    ServiceInstance second = instance(18082);

    @Test
    void offersEveryInstanceToAFirstAttempt() {
        AnotherInstanceOnRetry rotation = new AnotherInstanceOnRetry(
                ServiceInstanceListSuppliers.from(BankRoute.ROUTE_ID, first, second));

        assertThat(rotation.get(call(new HashMap<>())).blockFirst()).containsExactly(first, second);
    }

    @Test
    void leavesOutTheInstanceThePreviousAttemptWentTo() {
        AnotherInstanceOnRetry rotation = new AnotherInstanceOnRetry(
                ServiceInstanceListSuppliers.from(BankRoute.ROUTE_ID, first, second));
        Map<String, Object> attributes = new HashMap<>();
        attributes.put(MvcUtils.GATEWAY_REQUEST_URL_ATTR, URI.create("http://127.0.0.1:18082/api/v1/transfers"));

        assertThat(rotation.get(call(attributes)).blockFirst()).containsExactly(first);
    }

    @Test
    void keepsTheOnlyInstanceLeftEvenIfThePreviousAttemptWentThere() {
        AnotherInstanceOnRetry rotation = new AnotherInstanceOnRetry(
                ServiceInstanceListSuppliers.from(BankRoute.ROUTE_ID, second));
        Map<String, Object> attributes = new HashMap<>();
        attributes.put(MvcUtils.GATEWAY_REQUEST_URL_ATTR, URI.create("http://127.0.0.1:18082/api/v1/transfers"));

        assertThat(rotation.get(call(attributes)).blockFirst()).containsExactly(second);
    }

    static DefaultRequest<RequestDataContext> call(Map<String, Object> attributes) {
        RequestData data = new RequestData(HttpMethod.POST, URI.create("http://localhost:8080/api/v1/transfers"),
                new HttpHeaders(), new LinkedMultiValueMap<>(), attributes);
        return new DefaultRequest<>(new RequestDataContext(data));
    }

    static ServiceInstance instance(int port) {
        return new DefaultServiceInstance("127.0.0.1:" + port, BankRoute.ROUTE_ID, "127.0.0.1", port, false);
    }
}
