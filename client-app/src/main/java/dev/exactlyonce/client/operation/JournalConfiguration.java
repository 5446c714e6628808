package dev.exactlyonce.client.operation;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.support.ContextPropagatingTaskDecorator;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/** The workers that send operations to the bank, apart from the threads that serve web requests. */
@Configuration(proxyBeanMethods = false)
class JournalConfiguration {

    static final String BANK_CALLS_EXECUTOR = "bankCallsExecutor";

    /** Work beyond this many queued rounds waits for the resumer; the journal already holds it. */
    private static final int QUEUE_CAPACITY = 1_000;

    @Bean(BANK_CALLS_EXECUTOR)
    ThreadPoolTaskExecutor bankCallsExecutor(JournalProperties properties) {
        ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
        executor.setThreadNamePrefix("bank-call-");
        executor.setCorePoolSize(properties.workers());
        executor.setMaxPoolSize(properties.workers());
        executor.setQueueCapacity(QUEUE_CAPACITY);
        // A round started by a request continues that request's trace, so its calls to the bank (and the gateway's
        // and bank-service's log lines for them) carry the trace id of the submission that caused them.
        executor.setTaskDecorator(new ContextPropagatingTaskDecorator());
        // A round cut short leaves its operation in doubt in the journal, to be resumed on the next start.
        executor.setWaitForTasksToCompleteOnShutdown(true);
        executor.setAwaitTerminationSeconds(15);
        return executor;
    }
}
