package dev.exactlyonce.client.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.UUID;

import dev.exactlyonce.client.ClientHttp;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

/** An account's page against the real bank, whose history holds what a bank operator changed too. */
@DashboardIntegrationTest
class AccountHistoryIntegrationTests {

    private final BankDirect bank = BankDirect.alice();

    @Autowired
    ClientHttp http;

    @Test
    void showsAnOperatorsOverdraftLimitChangeBetweenTheMoneyMovements() throws Exception {
        UUID account = bank.account("EUR", 2_500);
        bank.setOverdraftLimitAsOperator(account, 50_000);
        bank.credit(account, "EUR", 1_000);

        HttpResponse<String> page = http.send(http.asAlice("/dashboard/accounts/" + account).GET());
        HttpResponse<String> fragment = http.send(http.asAlice("/dashboard/fragments/accounts/" + account + "/history")
                .GET());

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(fragment.statusCode()).isEqualTo(200);
        for (String html : new String[] { page.body(), fragment.body() }) {
            assertThat(html).contains("Overdraft limit changed from €0.00 to €500.00 by ops")
                    .contains("+€25.00").contains("+€10.00")
                    // Two credits, drawn from the balance before the first: three points, none for the limit change.
                    .contains("Balance over the last 3 changes: from €0.00 to €35.00");
        }
    }
}
