package org.civicdesk.metering.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** Reads by API: one read, a meter's reads, and read files (CSV). */
@RestController
@Tag(name = "Meter reads")
class ReadsApiController {

    /** A read sent by API; reading and demand as text or number. */
    record ReadRequest(String accountNumber, String meterNumber, String readDate, String reading, String readType,
            String demandKw) {
    }

    private final ReadDesk reads;
    private final ReadImports imports;
    private final MeterDesk meters;

    ReadsApiController(ReadDesk reads, ReadImports imports, MeterDesk meters) {
        this.reads = reads;
        this.imports = imports;
        this.meters = meters;
    }

    @PostMapping(path = "/api/v1/reads", consumes = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasAuthority('READS_ENTER')")
    @Operation(summary = "Record a read: 201 with the read, ACCEPTED or EXCEPTION (held); 422 naming the field")
    ResponseEntity<ReadDesk.Read> enter(@RequestBody ReadRequest request) {
        ReadDesk.Read r = reads.enter(request.accountNumber(), request.meterNumber(), request.readDate(),
                request.reading(), request.readType(), request.demandKw(), "API");
        return ResponseEntity.status(HttpStatus.CREATED).body(r);
    }

    @GetMapping("/api/v1/meters/{number}/reads")
    @PreAuthorize("hasAuthority('BILLING_VIEW')")
    @Operation(summary = "A meter's reads, newest first")
    List<ReadDesk.Read> meterReads(@PathVariable String number, @RequestParam(defaultValue = "100") int limit) {
        MeterDesk.Meter m = meters.meter(number);
        return reads.readsOfMeter(m.meterNumber(), Math.min(Math.max(limit, 1), 1000));
    }

    @PostMapping(path = "/api/v1/reads/imports", consumes = {"text/csv", MediaType.TEXT_PLAIN_VALUE,
            MediaType.APPLICATION_OCTET_STREAM_VALUE})
    @PreAuthorize("hasAuthority('READS_ENTER')")
    @Operation(summary = "Import a read file (CSV body); the same file again changes nothing (alreadyImported)")
    ResponseEntity<ReadImports.ImportReport> importBody(@RequestBody byte[] content,
            @RequestParam(required = false) String fileName) {
        ReadImports.ImportReport report = imports.importFile(fileName, content);
        return ResponseEntity.status(report.alreadyImported() ? HttpStatus.OK : HttpStatus.CREATED).body(report);
    }

    @PostMapping(path = "/api/v1/reads/imports", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @PreAuthorize("hasAuthority('READS_ENTER')")
    @Operation(summary = "Import a read file (multipart, part 'file')")
    ResponseEntity<ReadImports.ImportReport> importFile(@RequestPart("file") MultipartFile file) throws IOException {
        ReadImports.ImportReport report = imports.importFile(file.getOriginalFilename(), file.getBytes());
        return ResponseEntity.status(report.alreadyImported() ? HttpStatus.OK : HttpStatus.CREATED).body(report);
    }

    @GetMapping("/api/v1/reads/imports/{id}")
    @PreAuthorize("hasAuthority('READS_ENTER')")
    @Operation(summary = "An import's report, line by line")
    ReadImports.ImportReport report(@PathVariable long id) {
        return imports.report(id);
    }
}
