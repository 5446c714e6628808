package dev.exactlyonce.bank.system;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Compares two JSON documents as JSON (key order and layout do not count) and writes one in the canonical
 * form the checked-in OpenAPI document is kept in: keys sorted at every level, two-space indent, so a
 * change to the API shows as a small diff in review.
 */
final class DocumentDiff {

    /** Enough to see what changed; the rest is in the regenerated file. */
    private static final int MOST = 20;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private DocumentDiff() {
    }

    /** Where the documents differ, as JSON pointers with both sides; empty when they are equal as JSON. */
    static List<String> differences(JsonNode checkedIn, JsonNode served) {
        List<String> found = new ArrayList<>();
        compare("", checkedIn, served, found);
        return found;
    }

    static String canonical(JsonNode document) {
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(sorted(document)) + "\n";
    }

    private static void compare(String pointer, JsonNode checkedIn, JsonNode served, List<String> found) {
        if (found.size() >= MOST || checkedIn.equals(served)) {
            return;
        }
        if (checkedIn.isObject() && served.isObject()) {
            TreeSet<String> names = new TreeSet<>(checkedIn.propertyNames());
            names.addAll(served.propertyNames());
            for (String name : names) {
                String child = pointer + "/" + name.replace("~", "~0").replace("/", "~1");
                if (!served.has(name)) {
                    found.add(child + ": only in the checked-in file");
                } else if (!checkedIn.has(name)) {
                    found.add(child + ": only in the served document: " + abbreviated(served.get(name)));
                } else {
                    compare(child, checkedIn.get(name), served.get(name), found);
                }
            }
        } else if (checkedIn.isArray() && served.isArray() && checkedIn.size() == served.size()) {
            for (int i = 0; i < checkedIn.size(); i++) {
                compare(pointer + "/" + i, checkedIn.get(i), served.get(i), found);
            }
        } else {
            found.add((pointer.isEmpty() ? "/" : pointer) + ": checked-in file has " + abbreviated(checkedIn)
                    + ", the service serves " + abbreviated(served));
        }
        if (found.size() >= MOST) {
            found.set(MOST - 1, "... and more");
        }
    }

    private static String abbreviated(JsonNode node) {
        String text = node.isMissingNode() ? "nothing" : node.toString();
        return text.length() > 120 ? text.substring(0, 117) + "..." : text;
    }

    private static JsonNode sorted(JsonNode node) {
        if (node.isObject()) {
            ObjectNode sorted = JsonNodeFactory.instance.objectNode();
            new TreeSet<>(node.propertyNames()).forEach(name -> sorted.set(name, sorted(node.get(name))));
            return sorted;
        }
        if (node.isArray()) {
            ArrayNode sorted = JsonNodeFactory.instance.arrayNode();
            node.forEach(element -> sorted.add(sorted(element)));
            return sorted;
        }
        return node;
    }
}
