package dev.exactlyonce.gateway.scenario;

import java.io.PrintStream;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Plays the lost-reply story twice through a running gateway (fault mode on) and prints both runs side
 * by side:
 *
 * <pre>
 * java -cp gateway/target/gateway.jar -Dloader.main=dev.exactlyonce.gateway.scenario.ScenarioRunner \
 *     org.springframework.boot.loader.launch.PropertiesLauncher --gateway http://localhost:8080
 * </pre>
 *
 * Exits with 0 when the stable-key run applied the debit at most once, 1 when it applied it more than
 * once, and 2 when the story could not be played.
 */
public final class ScenarioRunner {

    static final int OK = 0;

    static final int DEBITED_TWICE = 1;

    static final int NOT_PLAYED = 2;

    private static final String USAGE = """
            Usage: ScenarioRunner [--gateway URL] [--token TOKEN] [--amount MINOR_UNITS]
              --gateway  the gateway, with its fault mode on (default http://localhost:8080)
              --token    bearer token of the client (default alice-local-token, the local profile's demo client)
              --amount   the debit in cents (default 2500 = EUR 25.00)""";

    private ScenarioRunner() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out));
    }

    /** Plays both runs, prints them to {@code out}, and returns the exit code. */
    public static int run(String[] args, PrintStream out) {
        Scenario scenario;
        try {
            scenario = parse(args);
        } catch (IllegalArgumentException ex) {
            out.println(ex.getMessage());
            out.println(USAGE);
            return NOT_PLAYED;
        }
        out.println("Playing the lost-reply story through " + scenario.gateway() + " ...");
        try {
            ScenarioRun perSession = scenario.play(KeyStrategy.PER_SESSION);
            ScenarioRun stable = scenario.play(KeyStrategy.STABLE);
            out.print(render(scenario.amount(), perSession, stable));
            return verdict(stable, out);
        } catch (ScenarioException ex) {
            out.println("Could not play the scenario: " + ex.getMessage());
            return NOT_PLAYED;
        }
    }

    static int verdict(ScenarioRun stable, PrintStream out) {
        if (stable.debitsApplied() > 1) {
            out.println("FAILED: the stable-key run applied " + stable.debitsApplied()
                    + " debits for one operation. The Idempotency-Key did not protect the retry.");
            return DEBITED_TWICE;
        }
        return OK;
    }

    static Scenario parse(String[] args) {
        String gateway = "http://localhost:8080";
        String token = "alice-local-token";
        String amount = "2500";
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if ("--help".equals(name) || "-h".equals(name)) {
                throw new IllegalArgumentException("ScenarioRunner: plays the lost-reply story twice.");
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("Missing value after " + name);
            }
            String value = args[++i];
            switch (name) {
                case "--gateway" -> gateway = value;
                case "--token" -> token = value;
                case "--amount" -> amount = value;
                default -> throw new IllegalArgumentException("Unknown option " + name);
            }
        }
        URI uri = URI.create(gateway.endsWith("/") ? gateway.substring(0, gateway.length() - 1) : gateway);
        if (uri.getScheme() == null || uri.getHost() == null) {
            throw new IllegalArgumentException("--gateway must be an absolute URL such as http://localhost:8080, not " + gateway);
        }
        long minorUnits;
        try {
            minorUnits = Long.parseLong(amount);
        } catch (NumberFormatException ex) {
            throw new IllegalArgumentException("--amount must be a whole number of cents, not " + amount);
        }
        return new Scenario(uri, token, minorUnits);
    }

    /** The two runs as a table, one column each. */
    static String render(long amount, ScenarioRun left, ScenarioRun right) {
        StringBuilder table = new StringBuilder();
        table.append('\n').append("A client debits ").append(money(amount))
                .append("; the reply is lost after the bank applied it; the client retries from a new session.\n\n");
        row(table, "", left.strategy().label(), right.strategy().label());
        row(table, "", "-".repeat(left.strategy().label().length()), "-".repeat(right.strategy().label().length()));
        int attempts = Math.max(left.attempts().size(), right.attempts().size());
        for (int i = 0; i < attempts; i++) {
            row(table, "attempt " + (i + 1) + " key", key(left, i), key(right, i));
            row(table, "attempt " + (i + 1) + " outcome", result(left, i), result(right, i));
        }
        row(table, "attempts", left, right, run -> String.valueOf(run.attempts().size()));
        row(table, "distinct keys sent", left, right, run -> String.valueOf(run.distinctKeys()));
        row(table, "debits applied", left, right, run -> String.valueOf(run.debitsApplied()));
        row(table, "final balance", left, right,
                run -> money(run.balanceAfter()) + " (was " + money(run.balanceBefore()) + ")");
        row(table, "result", left, right, run -> run.debitsApplied() == 1 ? "charged once"
                : run.debitsApplied() == 0 ? "not charged" : "charged " + run.debitsApplied() + " times");
        table.append('\n');
        return table.toString();
    }

    private static String key(ScenarioRun run, int index) {
        List<ScenarioRun.Attempt> attempts = run.attempts();
        return index < attempts.size() ? attempts.get(index).key() : "";
    }

    private static String result(ScenarioRun run, int index) {
        List<ScenarioRun.Attempt> attempts = run.attempts();
        return index < attempts.size() ? attempts.get(index).result().describe() : "";
    }

    private static void row(StringBuilder table, String label, ScenarioRun left, ScenarioRun right,
            Function<ScenarioRun, String> cell) {
        row(table, label, cell.apply(left), cell.apply(right));
    }

    private static void row(StringBuilder table, String label, String left, String right) {
        table.append(String.format(Locale.ROOT, "%-20s  %-44s  %s%n", label, left, right));
    }

    private static String money(long minorUnits) {
        long abs = Math.abs(minorUnits);
        return String.format(Locale.ROOT, "%s %s%d.%02d", Scenario.CURRENCY, minorUnits < 0 ? "-" : "", abs / 100, abs % 100);
    }
}
