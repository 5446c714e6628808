package dev.exactlyonce.chaos.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A titled table of text cells that both reports draw: the console as aligned columns, the HTML page as a
 * {@code <table>}. Defining a table once keeps the two reports showing the same figures.
 */
final class Table {

    enum Align {
        LEFT, RIGHT
    }

    /** Whether a row needs the reader's attention; the HTML page colours it, the console leaves it plain. */
    enum Tone {
        PLAIN, BAD
    }

    record Column(String header, Align align) {
    }

    record Row(List<String> cells, Tone tone) {
    }

    private final String title;

    private final List<Column> columns = new ArrayList<>();

    private final List<Row> rows = new ArrayList<>();

    private Table(String title) {
        this.title = title;
    }

    static Table titled(String title) {
        return new Table(title);
    }

    Table left(String header) {
        return column(header, Align.LEFT);
    }

    Table right(String header) {
        return column(header, Align.RIGHT);
    }

    Table row(String... cells) {
        return row(Tone.PLAIN, cells);
    }

    /** Adds a row; a {@code null} cell reads as empty. */
    Table row(Tone tone, String... cells) {
        if (cells.length != this.columns.size()) {
            throw new IllegalArgumentException("Table '" + this.title + "' has " + this.columns.size()
                    + " columns but the row " + Arrays.toString(cells) + " has " + cells.length + " cells");
        }
        this.rows.add(new Row(Arrays.stream(cells).map((cell) -> Objects.toString(cell, "")).toList(), tone));
        return this;
    }

    String title() {
        return this.title;
    }

    List<Column> columns() {
        return List.copyOf(this.columns);
    }

    List<Row> rows() {
        return List.copyOf(this.rows);
    }

    private Table column(String header, Align align) {
        if (!this.rows.isEmpty()) {
            throw new IllegalStateException("Table '" + this.title + "' already has rows; add column '" + header
                    + "' before the first row");
        }
        this.columns.add(new Column(header, align));
        return this;
    }

}
