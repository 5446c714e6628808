package dev.exactlyonce.client.dashboard;

import java.time.ZoneId;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class DashboardConfiguration {

    /** Times on the pages are the server's local time, which on a developer's machine is the reader's. */
    @Bean
    DashboardViews dashboardViews() {
        return new DashboardViews(ZoneId.systemDefault());
    }
}
