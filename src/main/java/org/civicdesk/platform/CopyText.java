package org.civicdesk.platform;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.jdbc.support.SQLStateSQLExceptionTranslator;

/**
 * Rows in PostgreSQL's COPY text format, streamed on the transaction's connection. Bulk writers use it instead
 * of insert ... select from unnest(text arrays): COPY writes the same rows in about two thirds of the time.
 * A few rows (a counter payment's) go as one multi-row INSERT instead: one round trip and a prepared statement,
 * where COPY takes two and is planned each time.
 */
public final class CopyText {

    private static final SQLStateSQLExceptionTranslator TRANSLATOR = new SQLStateSQLExceptionTranslator();

    /** At most this many rows go by INSERT. */
    static final int INSERT_AT_MOST = 16;

    /**
     * Rows are kept in pieces of about this many characters. One builder for a chunk's rows grew to megabytes,
     * and every array over half a G1 region (512 KiB at a 512 MiB heap) is humongous: allocated straight into the
     * old generation, where such allocations start G1's concurrent marking cycles. Pieces keep each array small.
     */
    static final int PIECE = 128 * 1024;

    private final java.util.List<StringBuilder> full = new java.util.ArrayList<>();
    private StringBuilder text = new StringBuilder(4096); // grows with the rows; a counter payment writes a few
    /** The values as given, while there are few enough rows to insert them. */
    private final java.util.List<String> values = new java.util.ArrayList<>();
    private int columns = -1;
    private int inLine;
    private boolean lineStarted;
    private int rows;

    public CopyText add(Object value) {
        if (lineStarted) {
            text.append('\t');
        }
        lineStarted = true;
        appendField(text, value);
        inLine++;
        if (rows < INSERT_AT_MOST) {
            values.add(value == null ? null : value.toString());
        }
        return this;
    }

    /** One field in COPY text format: null as backslash-N; backslashes, tabs and line breaks escaped. */
    public static void appendField(StringBuilder text, Object value) {
        // numbers, dates and flags never need escaping: written as they are, without a scan (a bill run writes
        // some 300 million fields at a million accounts)
        if (value == null) {
            text.append("\\N");
        } else if (value instanceof Long l) {
            text.append(l.longValue());
        } else if (value instanceof Integer i) {
            text.append(i.intValue());
        } else if (value instanceof Money m) {
            text.append(m.amount().toPlainString());
        } else if (value instanceof java.math.BigDecimal || value instanceof Boolean
                || value instanceof java.time.LocalDate) {
            text.append(value);
        } else {
            appendEscaped(text, value.toString());
        }
    }

    private static void appendEscaped(StringBuilder text, String s) {
        int n = s.length();
        int clean = 0;
        while (clean < n && !special(s.charAt(clean))) {
            clean++;
        }
        text.append(s, 0, clean);
        for (int i = clean; i < n; i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> text.append("\\\\");
                case '\t' -> text.append("\\t");
                case '\n' -> text.append("\\n");
                case '\r' -> text.append("\\r");
                default -> text.append(c);
            }
        }
    }

    private static boolean special(char c) {
        return c == '\\' || c == '\t' || c == '\n' || c == '\r';
    }

    public CopyText end() {
        text.append('\n');
        lineStarted = false;
        if (text.length() >= PIECE) {
            full.add(text);
            text = new StringBuilder(PIECE + 8192);
        }
        if (columns < 0) {
            columns = inLine;
        } else if (columns != inLine) {
            throw new IllegalStateException("Row " + (rows + 1) + " has " + inLine + " values, the first had " + columns);
        }
        inLine = 0;
        rows++;
        return this;
    }

    public int rows() {
        return rows;
    }

    /** COPY into the table's columns on the connection of the current transaction. */
    public void copyInto(DataSource dataSource, String tableAndColumns) {
        if (rows == 0) {
            return;
        }
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            if (rows <= INSERT_AT_MOST) {
                insert(connection, tableAndColumns);
            } else {
                // each piece encoded and sent as it is (rows end within a piece, so no character is split)
                CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI()
                        .copyIn("copy " + tableAndColumns + " from stdin");
                try {
                    for (StringBuilder piece : full) {
                        send(copy, piece);
                    }
                    send(copy, text);
                    copy.endCopy();
                } finally {
                    if (copy.isActive()) {
                        copy.cancelCopy();
                    }
                }
            }
        } catch (SQLException e) {
            // as the same rows by insert would fail: a check or trigger's refusal is a DataIntegrityViolationException
            org.springframework.dao.DataAccessException translated = TRANSLATOR.translate("copy " + tableAndColumns, null, e);
            throw translated != null ? translated
                    : new IllegalStateException("Could not write " + tableAndColumns + ": " + e.getMessage(), e);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }

    private static void send(CopyIn copy, StringBuilder piece) throws SQLException {
        if (piece.length() > 0) {
            byte[] bytes = piece.toString().getBytes(StandardCharsets.UTF_8);
            copy.writeToCopy(bytes, 0, bytes.length);
        }
    }

    /** The rows as one INSERT; each value untyped, so that PostgreSQL reads it as its column's type (as COPY does). */
    private void insert(Connection connection, String tableAndColumns) throws SQLException {
        // given ids go in as COPY puts them (bills reserve theirs from the sequence first)
        StringBuilder sql = new StringBuilder("insert into ").append(tableAndColumns)
                .append(" overriding system value values ");
        for (int r = 0; r < rows; r++) {
            sql.append(r == 0 ? "(" : ", (");
            for (int c = 0; c < columns; c++) {
                sql.append(c == 0 ? "?" : ", ?");
            }
            sql.append(')');
        }
        try (java.sql.PreparedStatement statement = connection.prepareStatement(sql.toString())) {
            for (int i = 0; i < values.size(); i++) {
                statement.setObject(i + 1, values.get(i), java.sql.Types.OTHER);
            }
            statement.executeUpdate();
        }
    }
}
