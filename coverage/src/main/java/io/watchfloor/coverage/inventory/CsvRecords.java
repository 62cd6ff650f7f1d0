package io.watchfloor.coverage.inventory;

import java.util.ArrayList;
import java.util.List;

/**
 * Stateless: splits CSV text into records of fields, as RFC 4180 writes them: fields separated by commas, records
 * by CRLF or LF, a field in double quotes may hold commas, line breaks and doubled quotes ({@code ""}). Lenient
 * where spreadsheets are: a UTF-8 byte-order mark is skipped, a last record without a line break is kept, blank
 * lines are skipped. Bounded by its input (the caller bounds the file).
 */
final class CsvRecords {
    /**
     * One record.
     *
     * @param line the 1-based line of the file it starts on (a quoted line break makes a record span lines)
     * @param fields its fields, unquoted
     */
    record Row(int line, List<String> fields) {
    }

    private CsvRecords() {
    }

    /**
     * @return every non-blank record
     * @throws IllegalArgumentException naming the line when a quoted field is not closed
     */
    static List<Row> parse(String text) {
        final List<Row> rows = new ArrayList<>();
        int i = text.startsWith("\uFEFF") ? 1 : 0;
        int line = 1;
        final int n = text.length();
        while (i < n) {
            final int startLine = line;
            final List<String> fields = new ArrayList<>();
            final StringBuilder field = new StringBuilder();
            boolean quoted = false;
            boolean endOfRecord = false;
            while (i < n && !endOfRecord) {
                final char c = text.charAt(i++);
                if (quoted) {
                    if (c == '"' && i < n && text.charAt(i) == '"') {
                        field.append('"');
                        i++;
                    } else if (c == '"') {
                        quoted = false;
                    } else {
                        if (c == '\n') {
                            line++;
                        }
                        field.append(c);
                    }
                } else if (c == '"' && field.length() == 0) {
                    quoted = true;
                } else if (c == ',') {
                    fields.add(field.toString());
                    field.setLength(0);
                } else if (c == '\n' || c == '\r') {
                    if (c == '\r' && i < n && text.charAt(i) == '\n') {
                        i++;
                    }
                    line++;
                    endOfRecord = true;
                } else {
                    field.append(c);
                }
            }
            if (quoted) {
                throw new IllegalArgumentException("line " + startLine + ": a quoted field is not closed "
                        + "(expected: a closing \" before the end of the file)");
            }
            fields.add(field.toString());
            if (fields.size() > 1 || !fields.get(0).isBlank()) {
                rows.add(new Row(startLine, fields));
            }
        }
        return rows;
    }
}
