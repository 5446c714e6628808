package dev.exactlyonce.client.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

/** An account's page against the real bank, whose history holds what a bank operator changed too. */
@DashboardIntegrationTest
class AccountHistoryIntegrationTests {

    private final HttpClient http = HttpClient.newHttpClient();

    private final BankDirect bank = BankDirect.alice();

    @LocalServerPort
    int port;

    @Test
    void showsAnOperatorsOverdraftLimitChangeBetweenTheMoneyMovements() throws Exception {
        UUID account = bank.account("EUR", 2_500);
        bank.setOverdraftLimitAsOperator(account, 50_000);
        bank.credit(account, "EUR", 1_000);

        HttpResponse<String> page = get("/dashboard/accounts/" + account);
        HttpResponse<String> fragment = get("/dashboard/fragments/accounts/" + account + "/history");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(fragment.statusCode()).isEqualTo(200);
        for (String html : new String[] { page.body(), fragment.body() }) {
            assertThat(html).contains("Overdraft limit changed from €0.00 to €500.00 by ops")
                    .contains("+€25.00").contains("+€10.00")
                    // Two credits, drawn from the balance before the first: three points, none for the limit change.
                    .contains("Balance over the last 3 changes: from €0.00 to €35.00");
        }
    }

    private HttpResponse<String> get(String path) throws Exception {
        String credentials = Base64.getEncoder().encodeToString("alice:alice".getBytes(StandardCharsets.UTF_8));
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Basic " + credentials).GET().build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }
}
