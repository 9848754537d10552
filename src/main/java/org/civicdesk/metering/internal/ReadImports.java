package org.civicdesk.metering.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.civicdesk.audit.AuditTrail;
import org.civicdesk.platform.BusinessRuleViolation;
import org.civicdesk.platform.RecordNotFound;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Read files: account_number,meter_number,read_date,reading,read_type[,demand_kw], header line optional. A file
 * is known by its SHA-256: importing it again changes nothing and returns the first import's report. Every line
 * is reported ACCEPTED, EXCEPTION (held, with the reason) or REJECTED (with the field and reason).
 */
@Component
public class ReadImports {

    /** One line's outcome. */
    public record LineResult(int lineNo, String raw, String outcome, String field, String reason, Long readId,
            boolean duplicate) {
    }

    /** An import's report. */
    public record ImportReport(long importId, String sha256, String fileName, boolean alreadyImported, int lines,
            int accepted, int exceptions, int rejected, int duplicates, Instant importedAt, String importedBy,
            List<LineResult> results) {
    }

    private final JdbcClient jdbc;
    private final ReadIntake intake;
    private final AuditTrail audit;
    private final Clock clock;

    ReadImports(JdbcClient jdbc, ReadIntake intake, AuditTrail audit, Clock clock) {
        this.jdbc = jdbc;
        this.intake = intake;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional
    public ImportReport importFile(String fileName, byte[] content) {
        if (content == null || content.length == 0) {
            throw new BusinessRuleViolation("reads.empty-file", "file", "the file is empty");
        }
        String sha = sha256(content);
        Long importId = jdbc.sql("""
                insert into read_import (sha256, file_name, lines, accepted, exceptions, rejected, duplicates,
                                         imported_at, imported_by)
                values (?, ?, 0, 0, 0, 0, 0, ?, ?) on conflict (sha256) do nothing returning id""")
                .params(sha, fileName, Timestamp.from(clock.instant()), Actors.current()).query(Long.class).optional()
                .orElse(null);
        if (importId == null) {
            long first = jdbc.sql("select id from read_import where sha256 = ?").param(sha).query(Long.class).single();
            ImportReport earlier = report(first);
            return new ImportReport(earlier.importId(), sha, earlier.fileName(), true, earlier.lines(),
                    earlier.accepted(), earlier.exceptions(), earlier.rejected(), earlier.duplicates(),
                    earlier.importedAt(), earlier.importedBy(), earlier.results());
        }
        List<ReadIntake.Candidate> candidates = parse(content);
        if (candidates.isEmpty()) {
            throw new BusinessRuleViolation("reads.empty-file", "file", "the file has no read lines");
        }
        List<ReadIntake.Candidate> wellFormed = new ArrayList<>();
        List<ReadIntake.Outcome> outcomes = new ArrayList<>();
        for (ReadIntake.Candidate c : candidates) {
            if (c.meterNumber() == null) {
                outcomes.add(new ReadIntake.Outcome(c.lineNo(), c.raw(), "REJECTED", "line",
                        "malformed line: expected account_number,meter_number,read_date,reading,read_type[,demand_kw]",
                        null, false));
            } else {
                wellFormed.add(c);
            }
        }
        outcomes.addAll(intake.take(wellFormed, "IMPORT", importId));
        outcomes.sort(java.util.Comparator.comparingInt(ReadIntake.Outcome::lineNo));
        storeLines(importId, outcomes);
        int accepted = 0;
        int exceptions = 0;
        int rejected = 0;
        int duplicates = 0;
        for (ReadIntake.Outcome o : outcomes) {
            switch (o.outcome()) {
                case "ACCEPTED" -> accepted++;
                case "EXCEPTION" -> exceptions++;
                default -> rejected++;
            }
            if (o.duplicate()) {
                duplicates++;
            }
        }
        jdbc.sql("update read_import set lines = ?, accepted = ?, exceptions = ?, rejected = ?, duplicates = ? where id = ?")
                .params(outcomes.size(), accepted, exceptions, rejected, duplicates, importId).update();
        audit.recordChange("read_import", Long.toString(importId), "imported", null, String.format(
                "%s (sha256 %s): %d lines, %d accepted, %d held, %d rejected, %d already on file", fileName, sha,
                outcomes.size(), accepted, exceptions, rejected, duplicates));
        return report(importId);
    }

    static List<ReadIntake.Candidate> parse(byte[] content) {
        String text = new String(content, StandardCharsets.UTF_8);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        String[] rows = text.split("\r?\n", -1);
        List<ReadIntake.Candidate> out = new ArrayList<>(rows.length);
        for (int i = 0; i < rows.length; i++) {
            String raw = rows[i];
            if (raw.isBlank()) {
                continue;
            }
            String[] f = raw.split(",", -1);
            for (int k = 0; k < f.length; k++) {
                f[k] = f[k].trim();
                if (f[k].length() >= 2 && f[k].startsWith("\"") && f[k].endsWith("\"")) {
                    f[k] = f[k].substring(1, f[k].length() - 1).trim();
                }
            }
            if (out.isEmpty() && i == firstNonBlank(rows) && f[0].equalsIgnoreCase("account_number")) {
                continue;
            }
            if (f.length < 5 || f.length > 6) {
                out.add(new ReadIntake.Candidate(i + 1, raw, null, null, null, null, null, null));
            } else {
                out.add(new ReadIntake.Candidate(i + 1, raw, f[0], f[1], f[2], f[3], f[4], f.length == 6 ? f[5] : null));
            }
        }
        return out;
    }

    private static int firstNonBlank(String[] rows) {
        for (int i = 0; i < rows.length; i++) {
            if (!rows[i].isBlank()) {
                return i;
            }
        }
        return -1;
    }

    private void storeLines(long importId, List<ReadIntake.Outcome> outcomes) {
        int n = outcomes.size();
        Integer[] lineNos = new Integer[n];
        String[] raws = new String[n];
        String[] results = new String[n];
        String[] fields = new String[n];
        String[] reasons = new String[n];
        Long[] readIds = new Long[n];
        Boolean[] duplicates = new Boolean[n];
        for (int i = 0; i < n; i++) {
            ReadIntake.Outcome o = outcomes.get(i);
            lineNos[i] = o.lineNo();
            raws[i] = o.raw();
            results[i] = o.outcome();
            fields[i] = o.field();
            reasons[i] = o.reason();
            readIds[i] = o.readId();
            duplicates[i] = o.duplicate();
        }
        jdbc.sql("""
                insert into read_import_line (import_id, line_no, raw, outcome, field, reason, read_id, duplicate)
                select ?, * from unnest(?::int[], ?::text[], ?::text[], ?::text[], ?::text[], ?::bigint[], ?::boolean[])
                """).params(importId, lineNos, raws, results, fields, reasons, readIds, duplicates).update();
    }

    public ImportReport report(long importId) {
        List<LineResult> lines = jdbc.sql("""
                select line_no, raw, outcome, field, reason, read_id, duplicate from read_import_line
                 where import_id = ? order by line_no""").param(importId)
                .query((rs, row) -> new LineResult(rs.getInt("line_no"), rs.getString("raw"), rs.getString("outcome"),
                        rs.getString("field"), rs.getString("reason"), (Long) rs.getObject("read_id"),
                        rs.getBoolean("duplicate")))
                .list();
        return jdbc.sql("select * from read_import where id = ?").param(importId)
                .query((rs, row) -> new ImportReport(rs.getLong("id"), rs.getString("sha256"), rs.getString("file_name"),
                        false, rs.getInt("lines"), rs.getInt("accepted"), rs.getInt("exceptions"), rs.getInt("rejected"),
                        rs.getInt("duplicates"), rs.getTimestamp("imported_at").toInstant(), rs.getString("imported_by"),
                        lines))
                .optional().orElseThrow(() -> new RecordNotFound("importId", "no read import " + importId));
    }

    /** Recent imports, newest first (without their lines). */
    public List<ImportReport> recent(int limit) {
        return jdbc.sql("select * from read_import order by id desc limit ?").param(limit)
                .query((rs, row) -> new ImportReport(rs.getLong("id"), rs.getString("sha256"), rs.getString("file_name"),
                        false, rs.getInt("lines"), rs.getInt("accepted"), rs.getInt("exceptions"), rs.getInt("rejected"),
                        rs.getInt("duplicates"), rs.getTimestamp("imported_at").toInstant(), rs.getString("imported_by"),
                        List.of()))
                .list();
    }

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
