package org.civicdesk.customer.internal.letters;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.civicdesk.customer.LetterDelivery;
import org.civicdesk.customer.Letters;
import org.civicdesk.customer.internal.casework.AccountRecords;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** REST API for letters: list and send for an account, and each letter's PDF. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Letters", description = "Letters and e-mails to account holders from templates in English and Spanish")
class LettersApiController {

    record LetterBody(String templateCode, Map<String, String> values, LetterDelivery delivery) {
    }

    private final Letters letters;
    private final AccountRecords accounts;

    LettersApiController(Letters letters, AccountRecords accounts) {
        this.letters = letters;
        this.accounts = accounts;
    }

    @GetMapping("/accounts/{accountNumber}/letters")
    @PreAuthorize("hasAuthority('CUSTOMER_VIEW')")
    @Operation(summary = "Letters of an account, newest first")
    List<Letters.Letter> list(@PathVariable String accountNumber) {
        return letters.forAccount(accounts.requireNumber(accountNumber).id());
    }

    @PostMapping("/accounts/{accountNumber}/letters")
    @PreAuthorize("hasAuthority('LETTER_SEND')")
    @Operation(summary = "Send a letter",
            description = "Rendered in the account's language; e-mailed (AUTO for paperless accounts, or EMAIL) when SMTP "
                    + "is configured and the customer has an address, otherwise PRINTED for the mail room.")
    ResponseEntity<Letters.Letter> send(@PathVariable String accountNumber, @RequestBody LetterBody body) {
        Letters.Letter letter = letters.send(accounts.requireNumber(accountNumber).id(), body.templateCode(),
                body.values() == null ? Map.of() : body.values(), body.delivery());
        return ResponseEntity.created(URI.create("/api/v1/letters/" + letter.id() + "/pdf")).body(letter);
    }

    @GetMapping("/letters/{id}/pdf")
    @PreAuthorize("hasAuthority('CUSTOMER_VIEW')")
    @Operation(summary = "The PDF of a letter")
    ResponseEntity<byte[]> pdf(@PathVariable long id) {
        return LetterPages.pdfResponse(id, letters.pdf(id));
    }
}
