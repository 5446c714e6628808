package dev.exactlyonce.client.dashboard;

import java.time.ZoneId;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class DashboardConfiguration {

    /** Times on the pages are the server's local time, which on a developer's machine is the reader's. */
    @Bean
    Times dashboardTimes() {
        return new Times(ZoneId.systemDefault());
    }

    @Bean
    OperationRows operationRows(Times times) {
        return new OperationRows(times);
    }

    @Bean
    HistoryRows historyRows(Times times) {
        return new HistoryRows(times);
    }
}
