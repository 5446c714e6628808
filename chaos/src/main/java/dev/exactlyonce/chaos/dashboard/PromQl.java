package dev.exactlyonce.chaos.dashboard;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metric names a PromQL expression selects, as Prometheus stores them: {@code rate(x_total[5m])} names
 * {@code x_total}, never {@code x}. Enough of PromQL's lexical rules to tell a metric from what is not one:
 * function and aggregation names (followed by their arguments or by {@code by}/{@code without}), the label
 * lists of {@code by}, {@code without}, {@code on}, {@code ignoring}, {@code group_left} and
 * {@code group_right}, keywords, numbers and durations, strings, label matchers, range brackets, and Grafana's
 * template variables ({@code $__rate_interval}, {@code ${datasource}}).
 */
final class PromQl {

    /** Keywords followed by a parenthesised list of label names. */
    private static final Set<String> LABEL_LISTS = Set.of("by", "without", "on", "ignoring", "group_left",
            "group_right");

    private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "bool", "offset", "inf", "nan");

    /** Aggregation operators, which may be followed by {@code by (...)} before their argument. */
    private static final Set<String> AGGREGATIONS = Set.of("sum", "min", "max", "avg", "group", "stddev", "stdvar",
            "count", "count_values", "bottomk", "topk", "quantile", "limitk", "limit_ratio");

    private static final Pattern NAME_MATCHER = Pattern.compile("__name__\\s*=\\s*([\"'`])(.*?)\\1");

    private PromQl() {
    }

    /** Every metric name {@code expression} selects, sorted. */
    static Set<String> metricNames(String expression) {
        Set<String> names = new TreeSet<>();
        List<Token> tokens = tokens(expression, names);
        for (int i = 0; i < tokens.size(); i++) {
            Token token = tokens.get(i);
            if (token.kind() != Kind.IDENTIFIER) {
                continue;
            }
            String lower = token.text().toLowerCase(Locale.ROOT);
            boolean calls = i + 1 < tokens.size() && tokens.get(i + 1).kind() == Kind.OPEN;
            if (LABEL_LISTS.contains(lower)) {
                if (calls) {
                    i = closing(tokens, i + 1);
                }
            } else if (!KEYWORDS.contains(lower) && !AGGREGATIONS.contains(lower) && !calls) {
                names.add(token.text());
            }
        }
        return names;
    }

    private enum Kind { IDENTIFIER, OPEN, CLOSE, OTHER }

    private record Token(Kind kind, String text) {
    }

    /** The index of the parenthesis closing the one at {@code open}, or the last index when it is unclosed. */
    private static int closing(List<Token> tokens, int open) {
        int depth = 0;
        for (int i = open; i < tokens.size(); i++) {
            Kind kind = tokens.get(i).kind();
            if (kind == Kind.OPEN) {
                depth++;
            } else if (kind == Kind.CLOSE && --depth == 0) {
                return i;
            }
        }
        return tokens.size() - 1;
    }

    /**
     * Splits the expression into identifiers and parentheses; everything else becomes {@code OTHER} or is
     * dropped. Names given as {@code {__name__="..."}} go straight into {@code names}.
     */
    private static List<Token> tokens(String expression, Set<String> names) {
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        int length = expression.length();
        while (i < length) {
            char c = expression.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '#') {
                i = lineEnd(expression, i);
            } else if (c == '"' || c == '\'' || c == '`') {
                i = stringEnd(expression, i);
                tokens.add(new Token(Kind.OTHER, "string"));
            } else if (c == '{') {
                int end = groupEnd(expression, i, '{', '}');
                Matcher name = NAME_MATCHER.matcher(expression.substring(i, end));
                while (name.find()) {
                    names.add(name.group(2));
                }
                i = end;
            } else if (c == '[') {
                // A range, a subquery's range and step, or Grafana's [[variable]]: durations, never a metric.
                i = groupEnd(expression, i, '[', ']');
            } else if (c == '$') {
                i = variableEnd(expression, i);
            } else if (Character.isDigit(c) || (c == '.' && i + 1 < length && Character.isDigit(expression.charAt(i + 1)))) {
                // Numbers (1e3, 0x1f, 0.5) and durations (5m, 1h30m) alike.
                while (i < length && (Character.isLetterOrDigit(expression.charAt(i)) || expression.charAt(i) == '.'
                        || expression.charAt(i) == '_')) {
                    i++;
                }
                tokens.add(new Token(Kind.OTHER, "number"));
            } else if (isNameStart(c)) {
                int start = i;
                while (i < length && isNamePart(expression.charAt(i))) {
                    i++;
                }
                tokens.add(new Token(Kind.IDENTIFIER, expression.substring(start, i)));
            } else {
                tokens.add(new Token(c == '(' ? Kind.OPEN : c == ')' ? Kind.CLOSE : Kind.OTHER, String.valueOf(c)));
                i++;
            }
        }
        return tokens;
    }

    private static boolean isNameStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == ':';
    }

    private static boolean isNamePart(char c) {
        return isNameStart(c) || (c >= '0' && c <= '9');
    }

    private static int lineEnd(String expression, int from) {
        int end = expression.indexOf('\n', from);
        return end < 0 ? expression.length() : end + 1;
    }

    /** Past the closing quote; a backslash escapes the next character except in raw (backtick) strings. */
    private static int stringEnd(String expression, int open) {
        char quote = expression.charAt(open);
        int i = open + 1;
        while (i < expression.length()) {
            char c = expression.charAt(i);
            if (c == '\\' && quote != '`') {
                i += 2;
            } else if (c == quote) {
                return i + 1;
            } else {
                i++;
            }
        }
        return expression.length();
    }

    /** Past the bracket closing the one at {@code open}, skipping strings, which may hold brackets. */
    private static int groupEnd(String expression, int open, char opening, char closing) {
        int depth = 0;
        int i = open;
        while (i < expression.length()) {
            char c = expression.charAt(i);
            if (c == '"' || c == '\'' || c == '`') {
                i = stringEnd(expression, i);
                continue;
            }
            if (c == opening) {
                depth++;
            } else if (c == closing && --depth == 0) {
                return i + 1;
            }
            i++;
        }
        return expression.length();
    }

    /** Past a Grafana variable: {@code ${name}}, {@code ${name:format}}, {@code $name} or {@code $__name}. */
    private static int variableEnd(String expression, int dollar) {
        int i = dollar + 1;
        if (i < expression.length() && expression.charAt(i) == '{') {
            int end = expression.indexOf('}', i);
            return end < 0 ? expression.length() : end + 1;
        }
        while (i < expression.length() && isNamePart(expression.charAt(i))) {
            i++;
        }
        return i;
    }
}
