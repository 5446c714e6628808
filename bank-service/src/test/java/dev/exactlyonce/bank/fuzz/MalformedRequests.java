package dev.exactlyonce.bank.fuzz;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URLEncoder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.function.Function;

import dev.exactlyonce.json.PrintableText;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.RandomGenerator;

/**
 * Generates requests that are each malformed for a reason it names: a bad number, a member named
 * twice, unprintable or overlong text, an encoding other than UTF-8, broken structure, an oversized
 * body, a bad header or path or method. None of them may be accepted; each reason is built so that it
 * cannot produce a valid request. The values come from jqwik's generators, driven by a seeded
 * {@link Random}, so a run is reproduced by its seed.
 */
final class MalformedRequests {

    /** A request to send, and why it must be refused. */
    record Case(String reason, String method, byte[] target, List<String[]> headers, byte[] body, boolean chunked) {

        String describe() {
            String body = this.body == null ? "" : new String(this.body, 0, Math.min(this.body.length, 300), StandardCharsets.UTF_8);
            return reason + ": " + method + " " + new String(target, 0, Math.min(target.length, 200), StandardCharsets.ISO_8859_1)
                    + " " + headers.stream().map(h -> h[0] + "=" + abbreviate(h[1])).toList() + " body=" + body;
        }

        private static String abbreviate(String value) {
            return value.length() > 80 ? value.substring(0, 80) + "…(" + value.length() + ")" : value;
        }
    }

    private enum Target { OPEN, CREDIT, DEBIT, TRANSFER }

    private static final int GEN_SIZE = 1000;

    private static final String TOKEN = "alice-local-token";

    private final String account;

    private final String foreignAccount;

    private final List<Function<Random, Case>> reasons = new ArrayList<>();

    private final RandomGenerator<String> badNumbers;

    private final RandomGenerator<Integer> unprintableCodePoints;

    private final RandomGenerator<Integer> anyCodePoints;

    private final RandomGenerator<String> printable;

    MalformedRequests(UUID account, UUID foreignAccount) {
        this.account = account.toString();
        this.foreignAccount = foreignAccount.toString();
        badNumbers = badNumbers().generator(GEN_SIZE);
        unprintableCodePoints = unprintableCodePoints().generator(GEN_SIZE);
        anyCodePoints = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, Arbitraries.integers().between(0, 0xFFFF)),
                net.jqwik.api.Tuple.of(3, Arbitraries.integers().between(0x10000, 0x10FFFF)),
                net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(0, 0x7F))).generator(GEN_SIZE);
        printable = Arbitraries.strings().alpha().numeric().withChars(" .,-€äöü日本".toCharArray())
                .ofMinLength(0).ofMaxLength(30).filter(text -> PrintableText.isPrintable(text)).generator(GEN_SIZE);
        add(12, this::badNumber);
        add(6, this::duplicateMember);
        add(10, this::unprintableText);
        add(5, this::anyCategoryOverlongText);
        add(3, this::currencyText);
        add(4, this::otherEncoding);
        add(4, this::invalidUtf8);
        add(2, this::foreignCharset);
        add(3, this::deepNesting);
        add(4, this::truncated);
        add(3, this::trailingContent);
        add(2, this::notAnObject);
        add(2, this::nonStandardJson);
        add(4, this::unknownField);
        add(3, this::missingField);
        add(3, this::wrongType);
        add(1, this::sameAccountTransfer);
        add(3, this::longText);
        add(4, this::badIdempotencyKey);
        add(3, this::badContentType);
        add(3, this::badAuthorization);
        add(1, this::headerTooLarge);
        add(2, this::notAcceptable);
        add(4, this::badUuidInPath);
        add(3, this::unknownPath);
        add(4, this::encodedPath);
        add(4, this::wrongMethod);
        add(2, this::badQuery);
        add(2, this::foreignOrMissingAccount);
        add(2, this::getWithMalformedBody);
    }

    /** The case for one index: the same seed and index always give the same request. */
    Case next(Random random) {
        if (random.nextInt(1000) < 3) {
            return oversizedBody(random);
        }
        return reasons.get(random.nextInt(reasons.size())).apply(random);
    }

    private void add(int weight, Function<Random, Case> reason) {
        for (int i = 0; i < weight; i++) {
            reasons.add(reason);
        }
    }

    // ---- bodies ----

    private Case badNumber(Random random) {
        Target target = pick(random, Target.CREDIT, Target.DEBIT, Target.TRANSFER, Target.OPEN);
        List<String[]> members = validMembers(target, random);
        String number = draw(badNumbers, random);
        if (target == Target.OPEN) {
            // Opening takes no amount; an overdraftLimit is the customer's to set only in the old API, and
            // only a bad one is sent here (never a valid whole number).
            boolean acceptable = number.equals("-0") || number.equals("0") || number.equals("null");
            members.add(new String[] { "overdraftLimit", acceptable ? "-1" : number });
        } else {
            set(members, "amount", number);
        }
        return post("body/number", target, render(members), random);
    }

    private Case duplicateMember(Random random) {
        Target target = pick(random, Target.values());
        List<String[]> members = validMembers(target, random);
        if (random.nextInt(4) == 0) {
            members.add(new String[] { "meta", "{\"a\":1,\"b\":[{\"c\":2,\"c\":3}],\"a\":1}" });
        } else {
            String[] twice = members.get(random.nextInt(members.size()));
            members.add(random.nextInt(members.size() + 1), new String[] { twice[0], random.nextBoolean() ? twice[1] : "900" });
        }
        return post("body/duplicate-member", target, render(members), random);
    }

    private Case unprintableText(Random random) {
        Target target = pick(random, Target.CREDIT, Target.DEBIT, Target.TRANSFER);
        StringBuilder text = new StringBuilder(draw(printable, random));
        text.insert(random.nextInt(text.length() + 1), Character.toChars(draw(unprintableCodePoints, random)));
        List<String[]> members = validMembers(target, random);
        set(members, "description", jsonString(text.toString(), random.nextBoolean()));
        return post("text/unprintable", target, render(members), random);
    }

    /** Code points of every general category, in a description too long to be accepted whatever they are. */
    private Case anyCategoryOverlongText(Random random) {
        Target target = pick(random, Target.CREDIT, Target.DEBIT, Target.TRANSFER);
        StringBuilder text = new StringBuilder();
        int length = 141 + random.nextInt(200);
        while (text.length() < length) {
            text.appendCodePoint(draw(anyCodePoints, random));
        }
        List<String[]> members = validMembers(target, random);
        set(members, "description", jsonString(text.toString(), random.nextBoolean()));
        return post("text/any-category-over-140", target, render(members), random);
    }

    private Case currencyText(Random random) {
        Target target = pick(random, Target.values());
        StringBuilder text = new StringBuilder();
        int length = random.nextInt(6);
        while (text.length() < length) {
            text.appendCodePoint(draw(anyCodePoints, random));
        }
        String code = text.toString();
        if (code.matches("[A-Z]{3}")) {
            code = code + "\u0000";
        }
        List<String[]> members = validMembers(target, random);
        set(members, "currency", jsonString(code, random.nextBoolean()));
        return post("text/currency", target, render(members), random);
    }

    private Case otherEncoding(Random random) {
        Target target = pick(random, Target.values());
        String json = render(validMembers(target, random));
        Charset charset = pick(random, StandardCharsets.UTF_16, StandardCharsets.UTF_16BE, StandardCharsets.UTF_16LE,
                Charset.forName("UTF-32"), Charset.forName("UTF-32BE"), Charset.forName("UTF-32LE"));
        byte[] body = (random.nextBoolean() ? "\uFEFF" + json : json).getBytes(charset);
        if (random.nextInt(4) == 0) {
            body = ("\uFEFF" + json).getBytes(StandardCharsets.UTF_8);
        }
        return post("encoding/utf16-utf32-bom", target, body, "application/json", random);
    }

    private Case invalidUtf8(Random random) {
        Target target = pick(random, Target.CREDIT, Target.DEBIT, Target.TRANSFER, Target.OPEN);
        List<String[]> members = validMembers(target, random);
        String field = target == Target.OPEN ? "currency" : pick(random, "description", "currency");
        set(members, field, "\"@@BAD@@\"");
        String json = render(members);
        byte[][] sequences = {
                { (byte) 0x80 }, { (byte) 0xBF }, { (byte) 0xC0, (byte) 0xAF }, { (byte) 0xC1, (byte) 0xBF },
                { (byte) 0xC3 }, { (byte) 0xE2, (byte) 0x82 }, { (byte) 0xED, (byte) 0xA0, (byte) 0x80 },
                { (byte) 0xED, (byte) 0xBF, (byte) 0xBF }, { (byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80 },
                { (byte) 0xF5 }, { (byte) 0xFE }, { (byte) 0xFF }, { (byte) 0xE0, (byte) 0x80, (byte) 0xAF },
                { (byte) 0xF0, (byte) 0x80, (byte) 0x80, (byte) 0xAF } };
        byte[] bad = sequences[random.nextInt(sequences.length)];
        int at = json.indexOf("@@BAD@@");
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(json.substring(0, at).getBytes(StandardCharsets.UTF_8));
        body.writeBytes(draw(printable, random).getBytes(StandardCharsets.UTF_8));
        body.writeBytes(bad);
        body.writeBytes(json.substring(at + 7).getBytes(StandardCharsets.UTF_8));
        return post("encoding/invalid-utf8", target, body.toByteArray(), "application/json", random);
    }

    private Case foreignCharset(Random random) {
        Target target = pick(random, Target.values());
        String charset = pick(random, "ISO-8859-1", "latin1", "windows-1252", "UTF-16", "us-ascii", "bogus-charset",
                "\"ISO-8859-15\"", "utf-7");
        return post("encoding/charset", target, render(validMembers(target, random)).getBytes(StandardCharsets.UTF_8),
                "application/json;charset=" + charset, random);
    }

    private Case deepNesting(Random random) {
        Target target = pick(random, Target.values());
        int depth = 33 + random.nextInt(3000);
        String nested = "[".repeat(depth) + "]".repeat(depth);
        String json = random.nextBoolean() ? nested : render(validMembers(target, random)).replaceFirst("\\}$", ",\"meta\":" + nested + "}");
        return post("structure/deep", target, json, random);
    }

    private Case truncated(Random random) {
        Target target = pick(random, Target.values());
        String json = render(validMembers(target, random));
        return post("structure/truncated", target, json.substring(0, random.nextInt(json.length())), random);
    }

    private Case trailingContent(Random random) {
        Target target = pick(random, Target.values());
        String json = render(validMembers(target, random));
        return post("structure/trailing", target, json + pick(random, " x", "{}", ",", "]", "}", " 1", "\"a\"", " null", "\u0000"),
                random);
    }

    private Case notAnObject(Random random) {
        Target target = pick(random, Target.values());
        String json = render(validMembers(target, random));
        return post("structure/not-an-object", target, pick(random, "[" + json + "]", "\"" + "x" + "\"", "42", "null", "true",
                "[]", "\"" + json.replace("\"", "\\\"") + "\""), random);
    }

    private Case nonStandardJson(Random random) {
        Target target = pick(random, Target.values());
        String json = render(validMembers(target, random));
        String broken = switch (random.nextInt(5)) {
            case 0 -> json.replace('"', '\'');
            case 1 -> json.replaceFirst("\\{", "{/* comment */");
            case 2 -> json.replaceFirst("\\}$", ",}");
            case 3 -> json.replaceFirst("\"currency\"", "currency");
            default -> json.replaceFirst("\\{", "{ // comment\n");
        };
        return post("structure/non-standard-json", target, broken, random);
    }

    private Case unknownField(Random random) {
        Target target = pick(random, Target.values());
        List<String[]> members = validMembers(target, random);
        String name = random.nextInt(3) == 0 ? "x" + draw(printable, random)
                : pick(random, "balance", "owner", "status", "id", "kind", "client", "operationId", "createdAt");
        if (target != Target.OPEN && random.nextBoolean()) {
            name = "overdraftLimit";
        }
        members.add(random.nextInt(members.size() + 1), new String[] { name, pick(random, "1", "\"x\"", "null", "{}", "999999") });
        return post("structure/unknown-field", target, render(members), random);
    }

    private Case missingField(Random random) {
        Target target = pick(random, Target.values());
        List<String[]> members = validMembers(target, random);
        String required = switch (target) {
            case OPEN -> "currency";
            case CREDIT, DEBIT -> pick(random, "amount", "currency");
            case TRANSFER -> pick(random, "fromAccountId", "toAccountId", "amount", "currency");
        };
        members.removeIf(member -> member[0].equals(required));
        return post("structure/missing-field", target, render(members), random);
    }

    private Case wrongType(Random random) {
        Target target = pick(random, Target.values());
        List<String[]> members = validMembers(target, random);
        String field = target == Target.OPEN ? "currency"
                : target == Target.TRANSFER ? pick(random, "currency", "fromAccountId", "toAccountId", "description")
                : pick(random, "currency", "description");
        set(members, field, pick(random, "1", "true", "[]", "{}", "[\"EUR\"]", "{\"code\":\"EUR\"}", "12.5"));
        if (field.endsWith("AccountId") && random.nextBoolean()) {
            set(members, field, jsonString(pick(random, "not-a-uuid", "", "1234", account + "0", account.replace('-', 'x')), false));
        }
        if (field.equals("currency") && random.nextBoolean()) {
            set(members, field, "null");
        }
        return post("structure/wrong-type", target, render(members), random);
    }

    private Case sameAccountTransfer(Random random) {
        List<String[]> members = validMembers(Target.TRANSFER, random);
        set(members, "toAccountId", jsonString(account, false));
        return post("structure/same-account-transfer", Target.TRANSFER, render(members), random);
    }

    private Case longText(Random random) {
        Target target = pick(random, Target.CREDIT, Target.DEBIT, Target.TRANSFER);
        List<String[]> members = validMembers(target, random);
        int length = random.nextInt(4) == 0 ? 141 + random.nextInt(200) : 256 + random.nextInt(600_000);
        set(members, "description", "\"" + "x".repeat(length) + "\"");
        return post("size/long-text", target, render(members), random);
    }

    private Case oversizedBody(Random random) {
        Target target = pick(random, Target.values());
        List<String[]> members = validMembers(target, random);
        set(members, target == Target.OPEN ? "currency" : "description",
                "\"" + "y".repeat(1024 * 1024 + random.nextInt(200_000)) + "\"");
        Case post = post("size/over-1MiB", target, render(members), random);
        return new Case(post.reason(), post.method(), post.target(), post.headers(), post.body(), random.nextBoolean());
    }

    // ---- headers ----

    private Case badIdempotencyKey(Random random) {
        Target target = pick(random, Target.CREDIT, Target.DEBIT, Target.TRANSFER);
        List<String[]> headers = baseHeaders();
        headers.add(new String[] { "Content-Type", "application/json" });
        switch (random.nextInt(6)) {
            case 0 -> { }
            case 1 -> headers.add(new String[] { "Idempotency-Key", "" });
            case 2 -> headers.add(new String[] { "Idempotency-Key", "k".repeat(256 + random.nextInt(3000)) });
            case 3 -> headers.add(new String[] { "Idempotency-Key", "key" + pick(random, " space", "\ttab", "\u007f", "ä", "日本", "😀", "\u0001") + "x" });
            case 4 -> {
                headers.add(new String[] { "Idempotency-Key", key(random) });
                headers.add(new String[] { "Idempotency-Key", key(random) });
            }
            default -> headers.add(new String[] { "Idempotency-Key", " " });
        }
        return new Case("header/idempotency-key", "POST", ascii(path(target)), headers,
                render(validMembers(target, random)).getBytes(StandardCharsets.UTF_8), false);
    }

    private Case badContentType(Random random) {
        Target target = pick(random, Target.values());
        String type = pick(random, "text/plain", "application/xml", "text/json", "application/x-www-form-urlencoded",
                "multipart/form-data; boundary=xyz", "json", "application/", ";;", "application/octet-stream", "text/html",
                "application/jsonx", "image/png", "*/", "application/json/x");
        List<String[]> headers = baseHeaders();
        headers.add(new String[] { "Idempotency-Key", key(random) });
        if (random.nextInt(6) != 0) {
            headers.add(new String[] { "Content-Type", type });
        }
        return new Case("header/content-type", "POST", ascii(path(target)), headers,
                render(validMembers(target, random)).getBytes(StandardCharsets.UTF_8), false);
    }

    private Case badAuthorization(Random random) {
        Target target = pick(random, Target.values());
        List<String[]> headers = new ArrayList<>();
        switch (random.nextInt(6)) {
            case 0 -> { }
            case 1 -> headers.add(new String[] { "Authorization", "Bearer wrong-" + random.nextInt() });
            case 2 -> headers.add(new String[] { "Authorization", "Basic YWxpY2U6YWxpY2U=" });
            case 3 -> headers.add(new String[] { "Authorization", "Bearer " });
            case 4 -> headers.add(new String[] { "Authorization", "Bearer " + "t".repeat(2000 + random.nextInt(4000)) });
            default -> headers.add(new String[] { "Authorization", TOKEN });
        }
        headers.add(new String[] { "Content-Type", "application/json" });
        headers.add(new String[] { "Idempotency-Key", key(random) });
        if (random.nextBoolean()) {
            return new Case("header/authorization", "GET", ascii(pick(random, "/api/v1/accounts", "/api/v1/accounts/" + account,
                    "/api/v1/accounts/" + account + "/operations")), headers, null, false);
        }
        return new Case("header/authorization", "POST", ascii(path(target)), headers,
                render(validMembers(target, random)).getBytes(StandardCharsets.UTF_8), false);
    }

    private Case headerTooLarge(Random random) {
        Target target = pick(random, Target.values());
        List<String[]> headers = baseHeaders();
        headers.add(new String[] { "Content-Type", "application/json" });
        headers.add(new String[] { "Idempotency-Key", key(random) });
        headers.add(new String[] { "X-Padding", "p".repeat(9_000 + random.nextInt(20_000)) });
        return new Case("header/too-large", "POST", ascii(path(target)), headers,
                render(validMembers(target, random)).getBytes(StandardCharsets.UTF_8), false);
    }

    private Case notAcceptable(Random random) {
        Target target = pick(random, Target.values());
        List<String[]> headers = baseHeaders();
        headers.add(new String[] { "Content-Type", "application/json" });
        headers.add(new String[] { "Idempotency-Key", key(random) });
        headers.add(new String[] { "Accept", pick(random, "application/xml", "text/html", "image/png", "text/plain",
                "application/json;q=0, application/problem+json;q=0") });
        if (random.nextBoolean()) {
            return new Case("header/accept", "GET", ascii("/api/v1/accounts"), headers, null, false);
        }
        return new Case("header/accept", "POST", ascii(path(target)), headers,
                render(validMembers(target, random)).getBytes(StandardCharsets.UTF_8), false);
    }

    // ---- paths and methods ----

    private Case badUuidInPath(Random random) {
        String bad = pick(random, "not-a-uuid", "1234", "", "null", account + "0", account.substring(1), account.replace('-', '_'),
                "zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz", URLEncoder.encode(draw(printable, random) + "x", StandardCharsets.UTF_8),
                "%20", "x".repeat(1 + random.nextInt(500)));
        String path = pick(random, "/api/v1/accounts/" + bad + "/credits", "/api/v1/accounts/" + bad + "/debits",
                "/api/v1/accounts/" + bad, "/api/v1/accounts/" + bad + "/operations", "/api/v1/operations/" + bad);
        if (path.endsWith("/credits") || path.endsWith("/debits")) {
            List<String[]> headers = jsonHeaders(random);
            return new Case("path/bad-uuid", "POST", ascii(path), headers,
                    render(validMembers(Target.CREDIT, random)).getBytes(StandardCharsets.UTF_8), false);
        }
        return new Case("path/bad-uuid", "GET", ascii(path), baseHeaders(), null, false);
    }

    private Case unknownPath(Random random) {
        String path = pick(random, "/api/v1/" + URLEncoder.encode(draw(printable, random), StandardCharsets.UTF_8) + "x",
                "/api/v2/accounts", "/api", "/api/v1", "/api/v1/accounts/" + account + "/nothing", "/api/v1/transfers/x",
                "/api/v1/accounts/" + account + "/credits/extra", "/favicon.ico", "/index.html", "/actuator/env", "/actuator/nope",
                "/api/v1/accounts/", "/api/v1/operations", "/api/v1/ACCOUNTS", "/x");
        boolean post = random.nextBoolean();
        if (post) {
            return new Case("path/unknown", "POST", ascii(path), jsonHeaders(random),
                    render(validMembers(Target.CREDIT, random)).getBytes(StandardCharsets.UTF_8), false);
        }
        return new Case("path/unknown", "GET", ascii(path), baseHeaders(), null, false);
    }

    private Case encodedPath(Random random) {
        byte[] path = switch (random.nextInt(12)) {
            case 0 -> ascii("/api/v1/accounts/" + account + "%2Fcredits");
            case 1 -> ascii("/api/v1/accounts%2F" + account);
            case 2 -> ascii("/api/v1/accounts/%2e%2e/" + account + "/credits");
            case 3 -> ascii("/api/v1/accounts/" + account + "%00/credits");
            case 4 -> ascii("/api/v1/accounts/%ZZ");
            case 5 -> ascii("/api/v1/accounts/" + account + "/../" + account + "/debits");
            case 6 -> ascii("/api/v1//accounts/" + account + "/credits");
            case 7 -> ascii("/api/v1/accounts/" + account + ";jsessionid=x/credits");
            case 8 -> ascii("/api/v1/accounts/" + account + "%5Ccredits");
            case 9 -> ("/api/v1/accounts/" + pick(random, "{x}", "a|b", "a\"b", "a<b>", "a^b", "a`b", "\\x")).getBytes(StandardCharsets.ISO_8859_1);
            case 10 -> "/api/v1/accounts/ä日本".getBytes(StandardCharsets.UTF_8);
            default -> ascii("/api/v1/accounts/" + account + "/credits%3Fx");
        };
        if (random.nextBoolean()) {
            return new Case("path/encoded", "POST", path, jsonHeaders(random),
                    render(validMembers(Target.CREDIT, random)).getBytes(StandardCharsets.UTF_8), false);
        }
        return new Case("path/encoded", "GET", path, baseHeaders(), null, false);
    }

    private Case wrongMethod(Random random) {
        Target target = pick(random, Target.values());
        String method;
        String path;
        if (random.nextInt(3) == 0) {
            method = pick(random, "POST", "PUT", "PATCH", "DELETE");
            path = pick(random, "/api/v1/accounts/" + account, "/api/v1/accounts/" + account + "/operations",
                    "/api/v1/operations/" + UUID.randomUUID());
            if (method.equals("POST") && path.startsWith("/api/v1/accounts/" + account) && !path.endsWith("/operations")) {
                method = "PUT";
            }
        } else {
            method = pick(random, "PUT", "PATCH", "DELETE", "GET", "TRACE", "FOO", "PROPFIND", "CONNECT");
            path = path(target);
            if (method.equals("GET") && target == Target.OPEN) {
                method = "DELETE";
            }
        }
        return new Case("path/method", method, ascii(path), jsonHeaders(random),
                render(validMembers(target, random)).getBytes(StandardCharsets.UTF_8), false);
    }

    private Case badQuery(Random random) {
        String query = pick(random, "page=-1", "size=0", "size=101", "size=100000", "page=abc", "size=1e3", "page=1000001",
                "page=1.5", "size=-5", "page=99999999999999999999");
        return new Case("path/query", "GET", ascii("/api/v1/accounts/" + account + "/operations?" + query), baseHeaders(), null, false);
    }

    private Case foreignOrMissingAccount(Random random) {
        String other = random.nextBoolean() ? foreignAccount : new UUID(random.nextLong(), random.nextLong()).toString();
        if (random.nextBoolean()) {
            return new Case("path/not-the-callers-account", "GET", ascii(pick(random, "/api/v1/accounts/" + other,
                    "/api/v1/accounts/" + other + "/operations", "/api/v1/operations/" + other)), baseHeaders(), null, false);
        }
        String path = "/api/v1/accounts/" + other + pick(random, "/credits", "/debits");
        return new Case("path/not-the-callers-account", "POST", ascii(path), jsonHeaders(random),
                render(validMembers(Target.CREDIT, random)).getBytes(StandardCharsets.UTF_8), false);
    }

    private Case getWithMalformedBody(Random random) {
        String body = pick(random, "{\"a\":1,\"a\":2}", "{\"d\":\"\\u0000\"}", "{", "[1,]", "{\"x\":NaN}");
        List<String[]> headers = baseHeaders();
        headers.add(new String[] { "Content-Type", "application/json" });
        return new Case("get/malformed-body", "GET", ascii(pick(random, "/api/v1/accounts", "/api/v1/accounts/" + account)),
                headers, body.getBytes(StandardCharsets.UTF_8), false);
    }

    // ---- building blocks ----

    private List<String[]> validMembers(Target target, Random random) {
        List<String[]> members = new ArrayList<>();
        switch (target) {
            case OPEN -> members.add(new String[] { "currency", "\"EUR\"" });
            case CREDIT, DEBIT -> {
                members.add(new String[] { "amount", Integer.toString(1 + random.nextInt(50)) });
                members.add(new String[] { "currency", "\"EUR\"" });
                members.add(new String[] { "description", jsonString(draw(printable, random), false) });
            }
            case TRANSFER -> {
                members.add(new String[] { "fromAccountId", jsonString(account, false) });
                members.add(new String[] { "toAccountId", jsonString(foreignAccount, false) });
                members.add(new String[] { "amount", Integer.toString(1 + random.nextInt(50)) });
                members.add(new String[] { "currency", "\"EUR\"" });
                members.add(new String[] { "description", jsonString(draw(printable, random), false) });
            }
        }
        return members;
    }

    private Case post(String reason, Target target, String json, Random random) {
        return post(reason, target, json.getBytes(StandardCharsets.UTF_8), "application/json", random);
    }

    private Case post(String reason, Target target, byte[] body, String contentType, Random random) {
        List<String[]> headers = baseHeaders();
        headers.add(new String[] { "Content-Type", contentType });
        headers.add(new String[] { "Idempotency-Key", key(random) });
        return new Case(reason, "POST", ascii(path(target)), headers, body, false);
    }

    private List<String[]> jsonHeaders(Random random) {
        List<String[]> headers = baseHeaders();
        headers.add(new String[] { "Content-Type", "application/json" });
        headers.add(new String[] { "Idempotency-Key", key(random) });
        return headers;
    }

    private static List<String[]> baseHeaders() {
        List<String[]> headers = new ArrayList<>();
        headers.add(new String[] { "Authorization", "Bearer " + TOKEN });
        return headers;
    }

    private String path(Target target) {
        return switch (target) {
            case OPEN -> "/api/v1/accounts";
            case CREDIT -> "/api/v1/accounts/" + account + "/credits";
            case DEBIT -> "/api/v1/accounts/" + account + "/debits";
            case TRANSFER -> "/api/v1/transfers";
        };
    }

    private static String key(Random random) {
        return "fuzz-" + new UUID(random.nextLong(), random.nextLong());
    }

    private static String render(List<String[]> members) {
        StringBuilder json = new StringBuilder("{");
        for (String[] member : members) {
            if (json.length() > 1) {
                json.append(',');
            }
            json.append(jsonString(member[0], false)).append(':').append(member[1]);
        }
        return json.append('}').toString();
    }

    private static void set(List<String[]> members, String name, String rawValue) {
        for (String[] member : members) {
            if (member[0].equals(name)) {
                member[1] = rawValue;
                return;
            }
        }
        members.add(new String[] { name, rawValue });
    }

    /**
     * {@code text} as a JSON string: quotes, backslashes, C0 controls and unpaired surrogates escaped
     * (a lone surrogate has no UTF-8 form), and with {@code escapeAll} every non-ASCII character too.
     */
    static String jsonString(String text, boolean escapeAll) {
        StringBuilder json = new StringBuilder("\"");
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean paired = Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))
                    || Character.isLowSurrogate(c) && i > 0 && Character.isHighSurrogate(text.charAt(i - 1));
            if (c == '"' || c == '\\') {
                json.append('\\').append(c);
            } else if (c < 0x20 || (Character.isSurrogate(c) && !paired) || (escapeAll && c > 0x7E)) {
                json.append(String.format("\\u%04x", (int) c));
            } else {
                json.append(c);
            }
        }
        return json.append('"').toString();
    }

    private static Arbitrary<String> badNumbers() {
        BigInteger max = BigInteger.TEN.pow(15);
        return Arbitraries.oneOf(
                Arbitraries.bigDecimals().between(new BigDecimal("-1e6"), new BigDecimal("1e6")).ofScale(1 + 0)
                        .map(BigDecimal::toPlainString).filter(text -> text.contains(".")),
                Arbitraries.integers().between(1, 18).flatMap(scale -> Arbitraries.bigDecimals()
                        .between(new BigDecimal("0.5"), new BigDecimal("1e16")).ofScale(scale).map(BigDecimal::toPlainString)),
                Arbitraries.integers().between(-400, 400).map(exponent -> "1" + (exponent % 2 == 0 ? "e" : "E") + exponent),
                Arbitraries.integers().between(0, 30).map(exponent -> "2.5e+" + exponent),
                Arbitraries.bigIntegers().between(max.add(BigInteger.ONE), BigInteger.TEN.pow(400)).map(value -> value.toString()),
                Arbitraries.longs().between(Long.MIN_VALUE, 0).map(value -> Long.toString(value)),
                Arbitraries.of("NaN", "-NaN", "Infinity", "-Infinity", "+Infinity", "+5", "05", "00", "0x1F", ".5", "5.", "1_000",
                        "-0", "0", "0.0", "-0.0", "1.0", "10.00", "9223372036854775808", "-9223372036854775809",
                        "18446744073709551616", "1000000000000001", "\"100\"", "\"abc\"", "\"\"", "\"1e3\"", "null", "true", "false",
                        "[]", "{}", "[1]", "{\"value\":1}", "\"NaN\"", "1 2", "--1", "1-", "１２"));
    }

    private static Arbitrary<Integer> unprintableCodePoints() {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(5, Arbitraries.integers().between(0x00, 0x1F)),
                net.jqwik.api.Tuple.of(2, Arbitraries.integers().between(0x7F, 0x9F)),
                net.jqwik.api.Tuple.of(2, Arbitraries.of(0x2028, 0x2029, 0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067,
                        0x2068, 0x2069)),
                net.jqwik.api.Tuple.of(2, Arbitraries.integers().between(0xD800, 0xDFFF)),
                net.jqwik.api.Tuple.of(2, Arbitraries.of(0xFFFE, 0xFFFF, 0xFDD0, 0xFDEF, 0x1FFFE, 0x10FFFF, 0x10FFFE)),
                net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(0xE000, 0xF8FF)),
                net.jqwik.api.Tuple.of(2, Arbitraries.integers().between(0, 0x10FFFF)
                        .filter(codePoint -> PrintableText.violation(Character.toString(codePoint), 10) != null)));
    }

    @SafeVarargs
    private static <T> T pick(Random random, T... choices) {
        return choices[random.nextInt(choices.length)];
    }

    private static <T> T draw(RandomGenerator<T> generator, Random random) {
        return generator.next(random).value();
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
